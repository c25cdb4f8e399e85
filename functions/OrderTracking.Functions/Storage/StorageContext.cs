using OrderTracking.Azure.Storage;

namespace OrderTracking.Functions.Storage;

/// <summary>
/// The app's tables and queues, created once per process on first use (idempotent: <c>CreateIfNotExists</c>),
/// so a fresh storage account or Azurite needs no provisioning step.
/// </summary>
internal sealed class StorageContext(TableServiceClient tables, QueueServiceClient queues)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public TableClient Table(string name) => tables.GetTableClient(name);

    public QueueClient Queue(string name) => queues.GetQueueClient(name);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await Task.WhenAll(
                    TableNames.All.Select(t => tables.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken))
                        .Concat(QueueNames.All.SelectMany(q => new[] { q, QueueNames.Poison(q) })
                            .Select(q => queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken))));
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
