using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace OrderTracking.Functions.Storage;

/// <summary>
/// The app's tables and queues, created once per process on first use (idempotent <c>CreateIfNotExists</c>), so a
/// fresh storage account or Azurite needs no provisioning step. A failed attempt is retried by the next caller.
/// </summary>
internal sealed class StorageContext(TableServiceClient tables, QueueServiceClient queues)
{
    private Task? _created;

    public TableClient Table(string name) => tables.GetTableClient(name);

    public QueueClient Queue(string name) => queues.GetQueueClient(name);

    /// <summary>True for failures that mean "storage is unreachable or throttling": answer 503 so the caller retries.</summary>
    public static bool IsUnavailable(Exception ex) =>
        ex is RequestFailedException { Status: 0 or >= 500 } or HttpRequestException or TaskCanceledException or TimeoutException
        or AggregateException { InnerException: RequestFailedException or HttpRequestException };

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        Task? current = Volatile.Read(ref _created);
        if (current is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            Task attempt = CreateAllAsync();
            current = Interlocked.CompareExchange(ref _created, attempt, current) == current ? attempt : Volatile.Read(ref _created)!;
        }

        return current.WaitAsync(cancellationToken);
    }

    // Not tied to one caller's token: the work is shared by every caller waiting on it.
    private Task CreateAllAsync() => Task.WhenAll(
        TableNames.All.Select(Task (t) => tables.GetTableClient(t).CreateIfNotExistsAsync(CancellationToken.None))
            .Concat(QueueNames.All.SelectMany(q => new[] { q, QueueNames.Poison(q) })
                .Select(Task (q) => queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: CancellationToken.None))));
}
