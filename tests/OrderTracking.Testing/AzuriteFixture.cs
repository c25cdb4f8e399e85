using Azure.Data.Tables;
using Azure.Storage.Queues;
using OrderTracking.Azure.Storage;
using OrderTracking.Azurite;
using Xunit;

namespace OrderTracking.Testing;

/// <summary>
/// xUnit fixture owning one Azurite (in memory, free loopback ports) for a test class or collection. When the
/// <c>AzureWebJobsStorage</c> environment variable holds a non-development connection string, that account is used instead.
/// Use <see cref="StorageTestNames"/> for per-test table and queue names so tests sharing the fixture don't collide.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _instance;
    private StorageConnection? _connection;

    /// <summary>Full connection string of the running Azurite (or of the external account).</summary>
    public string ConnectionString => Instance.ConnectionString;

    /// <summary>The Azurite instance (started in <see cref="InitializeAsync"/>).</summary>
    public AzuriteInstance Instance => _instance ?? throw new InvalidOperationException("AzuriteFixture is not initialized.");

    /// <summary>The parsed connection.</summary>
    public StorageConnection Connection => _connection ?? throw new InvalidOperationException("AzuriteFixture is not initialized.");

    /// <summary>A Table service client on the fixture's account (shared pipeline).</summary>
    public TableServiceClient TableServiceClient { get; private set; } = null!;

    /// <summary>A Queue service client on the fixture's account (shared pipeline).</summary>
    public QueueServiceClient QueueServiceClient { get; private set; } = null!;

    /// <summary>Creates a fresh table with a unique name and returns its client.</summary>
    public async Task<TableClient> CreateTableAsync(string prefix = "t")
    {
        TableClient table = TableServiceClient.GetTableClient(StorageTestNames.NewTableName(prefix));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    /// <summary>Creates a fresh queue with a unique name and returns its client.</summary>
    public async Task<QueueClient> CreateQueueAsync(string prefix = "q")
    {
        QueueClient queue = QueueServiceClient.GetQueueClient(StorageTestNames.NewQueueName(prefix));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _instance = await AzuriteInstance.StartAsync(new AzuriteOptions
        {
            ExistingConnectionString = Environment.GetEnvironmentVariable("AzureWebJobsStorage"),
            StartTimeout = TimeSpan.FromMinutes(3), // first run includes `npm ci`
        });
        _connection = StorageConnection.FromConnectionString(_instance.ConnectionString);
        TableServiceClient = _connection.CreateTableServiceClient();
        QueueServiceClient = _connection.CreateQueueServiceClient();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }
    }
}
