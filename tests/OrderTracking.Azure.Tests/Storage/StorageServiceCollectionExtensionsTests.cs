using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Azure.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class StorageServiceCollectionExtensionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddOrderTrackingStorage_FromConfiguration_RegistersWorkingSingletons()
    {
        IConfiguration config = new ConfigurationBuilder()
            .AddInMemoryCollection([new("AzureWebJobsStorage", azurite.ConnectionString)]).Build();
        using ServiceProvider provider = new ServiceCollection().AddOrderTrackingStorage(config).BuildServiceProvider();

        TableServiceClient tables = provider.GetRequiredService<TableServiceClient>();
        QueueServiceClient queues = provider.GetRequiredService<QueueServiceClient>();
        QueueClient queue = queues.GetQueueClient(StorageTestNames.NewQueueName("di"));
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{}");

        Assert.Same(tables, provider.GetRequiredService<TableServiceClient>());
        Assert.Same(provider.GetRequiredService<StorageConnection>(), provider.GetRequiredService<StorageConnection>());
        Assert.Equal(1, await queue.GetApproximateMessagesCountAsync());
    }

    [Fact]
    public void AddOrderTrackingStorage_NotConfigured_FailsOnResolveWithClearMessage()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddOrderTrackingStorage(new ConfigurationBuilder().Build()).BuildServiceProvider();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<TableServiceClient>());

        Assert.Contains("AzureWebJobsStorage", error.Message);
    }
}
