using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>
/// Simulates at-least-once delivery going wrong on purpose: peeks a queue in a loop and sends a copy of every message
/// it has not seen before (copies themselves are not copied again). Stop it with <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class QueueDuplicator : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _copies = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _copied;

    private QueueDuplicator(QueueClient queue)
    {
        _queue = queue;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>How many copies were sent so far.</summary>
    public int Copied => Volatile.Read(ref _copied);

    public static QueueDuplicator Start(QueueServiceClient queues, string queueName) => new(queues.GetQueueClient(queueName));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                foreach (PeekedMessage message in (await _queue.PeekMessagesAsync(32, stop)).Value)
                {
                    if (!_copies.Contains(message.MessageId) && _seen.Add(message.MessageId))
                    {
                        SendReceipt copy = await _queue.SendMessageAsync(message.MessageText, cancellationToken: stop);
                        _copies.Add(copy.MessageId);
                        Interlocked.Increment(ref _copied);
                    }
                }

                await Task.Delay(25, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // The queue is created on first use.
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }
}
