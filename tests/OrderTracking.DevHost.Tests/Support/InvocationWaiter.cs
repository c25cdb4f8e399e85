namespace OrderTracking.DevHost.Tests.Support;

/// <summary>Collects <see cref="DevHostServer.Invoked"/> records and lets a test await a condition on them.</summary>
internal sealed class InvocationWaiter : IDisposable
{
    private readonly DevHostServer _server;
    private readonly List<InvocationRecord> _records = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InvocationWaiter(DevHostServer server)
    {
        _server = server;
        server.Invoked += OnInvoked;
    }

    public IReadOnlyList<InvocationRecord> For(string function)
    {
        lock (_lock)
        {
            return _records.Where(r => r.FunctionName == function).ToArray();
        }
    }

    /// <summary>Waits until <paramref name="function"/> has at least <paramref name="count"/> finished invocations.</summary>
    public async Task<IReadOnlyList<InvocationRecord>> WaitAsync(string function, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                InvocationRecord[] matching = _records.Where(r => r.FunctionName == function).ToArray();
                if (matching.Length >= count)
                {
                    return matching;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{function}' had {For(function).Count} invocations, expected {count}, within {timeout}.");
            }
        }
    }

    public void Dispose() => _server.Invoked -= OnInvoked;

    private void OnInvoked(InvocationRecord record)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _records.Add(record);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
