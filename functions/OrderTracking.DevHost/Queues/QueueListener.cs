using OrderTracking.DevHost.Logging;

namespace OrderTracking.DevHost.Queues;

/// <summary>
/// Drives one queue-triggered function for one host instance like the storage extension's
/// <c>QueueListener</c>/<c>QueueProcessor</c> (reference §4.4): receives up to <c>batchSize</c> messages and runs them
/// concurrently, fetching the next batch once fewer than <c>newBatchThreshold</c> are still running; backs off
/// exponentially (100 ms up to <c>maxPollingInterval</c>) while the queue is empty; deletes on success, releases with
/// <c>visibilityTimeout</c> on failure, and moves a message to <c>&lt;queue&gt;-poison</c> after <c>maxDequeueCount</c>
/// tries (or at once when it cannot be decoded).
/// </summary>
internal sealed class QueueListener(
    string functionName,
    string queueName,
    QueueListenerOptions options,
    IQueueAccess queues,
    QueueListener.Invoke invoke,
    ILogger logger) : IDisposable
{
    private static readonly TimeSpan s_minimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly SemaphoreSlim _finished = new(0);
    private bool _queueExists;
    private int _inFlight;

    /// <summary>Runs the function for one message; true when it succeeded.</summary>
    public delegate Task<bool> Invoke(ReceivedMessage message, CancellationToken cancellationToken);

    public string PoisonQueueName => queueName + "-poison";

    /// <summary>Waits before each receive until the instance can run invocations (a worker restarting holds its listener).</summary>
    public Func<CancellationToken, Task>? WaitUntilReady { get; init; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        TimeSpan delay = s_minimumPollingInterval;
        var running = new HashSet<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref _inFlight) >= options.NewBatchThreshold)
            {
                await _finished.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (WaitUntilReady is { } wait)
            {
                await wait(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }

            IReadOnlyList<ReceivedMessage> batch = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                await Task.Delay(delay, options.TimeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
                continue;
            }

            delay = s_minimumPollingInterval;
            foreach (ReceivedMessage message in batch)
            {
                Interlocked.Increment(ref _inFlight);
                Task task = ProcessAndSignalAsync(message, cancellationToken);
                lock (running)
                {
                    running.Add(task);
                }

                _ = task.ContinueWith(t => { lock (running) { running.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        Task[] remaining;
        lock (running)
        {
            remaining = [.. running];
        }

        await Task.WhenAll(remaining).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _finished.Dispose();

    internal async Task ProcessAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (message.DequeueCount > options.Queues.MaxDequeueCount || message.Body is null)
            {
                // QueueProcessor.BeginProcessingMessageAsync: already tried too often (e.g. the host died mid-run), or
                // the message cannot be decoded with the configured encoding.
                await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
                return;
            }

            bool succeeded = await invoke(message, cancellationToken).ConfigureAwait(false);
            await CompleteAsync(message, succeeded, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is global::Azure.RequestFailedException or HttpRequestException)
        {
            DevHostLog.QueuePollFailed(logger, queueName, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the message becomes visible again when its lease expires.
        }
    }

    private async Task ProcessAndSignalAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await ProcessAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep the listener alive whatever one message does; its lease expires and it is retried.
            DevHostLog.QueuePollFailed(logger, queueName, ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _finished.Release();
        }
    }

    private async Task CompleteAsync(ReceivedMessage message, bool succeeded, CancellationToken cancellationToken)
    {
        if (succeeded)
        {
            await queues.DeleteAsync(queueName, message, cancellationToken).ConfigureAwait(false);
        }
        else if (message.DequeueCount >= options.Queues.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await queues.ReleaseAsync(queueName, message, options.Queues.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MoveToPoisonAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        await queues.CreateIfNotExistsAsync(PoisonQueueName, cancellationToken).ConfigureAwait(false);
        await queues.SendRawAsync(PoisonQueueName, message, cancellationToken).ConfigureAwait(false);
        await queues.DeleteAsync(queueName, message, cancellationToken).ConfigureAwait(false);
        DevHostLog.MovedToPoison(logger, message.Id, functionName, queueName, PoisonQueueName, message.DequeueCount);
    }

    private async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!_queueExists)
            {
                await queues.CreateIfNotExistsAsync(queueName, cancellationToken).ConfigureAwait(false);
                _queueExists = true;
            }

            return await queues.ReceiveAsync(queueName, options.Queues.BatchSize, options.Lease, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is global::Azure.RequestFailedException or HttpRequestException)
        {
            _queueExists = false; // deleted meanwhile, or storage restarted: create again on the next poll
            DevHostLog.QueuePollFailed(logger, queueName, ex.Message);
            return [];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }
}
