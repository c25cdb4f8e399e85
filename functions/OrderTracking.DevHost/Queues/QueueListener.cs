using OrderTracking.DevHost.Invocation;
using OrderTracking.DevHost.Logging;

namespace OrderTracking.DevHost.Queues;

/// <summary>
/// Drives one queue-triggered function like the storage extension's <c>QueueListener</c>/<c>QueueProcessor</c>
/// (reference §3.4, §8.5): receives up to <c>batchSize</c> messages, runs them concurrently, backs off exponentially
/// (100 ms up to <c>maxPollingInterval</c>) while the queue is empty, deletes on success, releases with
/// <c>visibilityTimeout</c> on failure, and moves a message to <c>&lt;queue&gt;-poison</c> after <c>maxDequeueCount</c> tries.
/// </summary>
internal sealed class QueueListener(
    FunctionDescriptor function,
    string queueName,
    QueueListenerOptions options,
    IQueueAccess queues,
    FunctionExecutor executor,
    ILogger logger)
{
    private static readonly TimeSpan s_minimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private bool _queueExists;

    public string PoisonQueueName => queueName + "-poison";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        TimeSpan delay = s_minimumPollingInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<ReceivedMessage> batch = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                await Task.Delay(delay, options.TimeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
                continue;
            }

            delay = s_minimumPollingInterval;
            try
            {
                await Task.WhenAll(batch.Select(m => ProcessAsync(m, cancellationToken))).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep the listener alive whatever one message does; its lease expires and it is retried.
                DevHostLog.QueuePollFailed(logger, queueName, ex.Message);
            }
        }
    }

    internal async Task ProcessAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (message.DequeueCount > options.Queues.MaxDequeueCount)
            {
                // Fast path of QueueProcessor.BeginProcessingMessageAsync: already tried too often (e.g. the host died mid-run).
                await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
                return;
            }

            var envelope = QueueEnvelopeBuilder.Build(function, message, options.TimeProvider.GetUtcNow());
            InvocationResult result = await executor.RunAsync(function, envelope, cancellationToken).ConfigureAwait(false);
            await CompleteAsync(message, result.Succeeded, cancellationToken).ConfigureAwait(false);
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
        await queues.SendAsync(PoisonQueueName, message.Text, cancellationToken).ConfigureAwait(false);
        await queues.DeleteAsync(queueName, message, cancellationToken).ConfigureAwait(false);
        DevHostLog.MovedToPoison(logger, message.Id, queueName, PoisonQueueName, message.DequeueCount);
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
