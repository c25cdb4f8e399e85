namespace OrderTracking.DevHost.Worker;

/// <summary>
/// The worker processes standing for the instances of a scaled-out app (<c>DevHost:WorkerCount</c>). HTTP and timers
/// take the next ready worker in turn; each worker has its own queue listeners, as each instance of the real app does.
/// </summary>
internal sealed class WorkerPool(IReadOnlyList<WorkerProcess> workers) : IAsyncDisposable
{
    private int _next = -1;

    public IReadOnlyList<WorkerProcess> Workers => workers;

    /// <summary>The next worker that is ready, with its session, or null when none is.</summary>
    public (WorkerProcess Worker, WorkerSession Session)? NextReady()
    {
        for (int i = 0; i < workers.Count; i++)
        {
            int index = (int)((uint)Interlocked.Increment(ref _next) % (uint)workers.Count);
            if (workers[index].Session is { } session && session.Channel.IsOpen)
            {
                return (workers[index], session);
            }
        }

        return null;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for any worker to be ready.</summary>
    public async Task<(WorkerProcess Worker, WorkerSession Session)?> WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (NextReady() is { } ready)
        {
            return ready;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await Task.WhenAny(workers.Select(w => w.WaitUntilReadyAsync(wait.Token))).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // fall through: none became ready in time
        }

        return NextReady();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
