using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Azure.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class StorageServiceCollectionExtensionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddOrderTrackingStorage_FromConfiguration_RegistersSingletonsThatWriteBase64Messages()
    {
        IConfiguration config = new ConfigurationBuilder()
            .AddInMemoryCollection([new("AzureWebJobsStorage", azurite.ConnectionString)]).Build();
        using ServiceProvider provider = new ServiceCollection().AddOrderTrackingStorage(config).BuildServiceProvider();

        TableServiceClient tables = provider.GetRequiredService<TableServiceClient>();
        QueueServiceClient queues = provider.GetRequiredService<QueueServiceClient>();
        string name = StorageTestNames.NewQueueName("di");
        QueueClient queue = queues.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"orderKey\":\"shopify:1\"}");

        // What the queue trigger reads: the wire text, which it Base64-decodes by default.
        PeekedMessage wire = Assert.Single((await new QueueClient(azurite.ConnectionString, name).PeekMessagesAsync(1)).Value);
        Assert.Equal(Convert.ToBase64String("{\"orderKey\":\"shopify:1\"}"u8), wire.MessageText);
        Assert.Equal("{\"orderKey\":\"shopify:1\"}", Assert.Single((await queue.PeekMessagesAsync(1)).Value).MessageText);
        Assert.Same(tables, provider.GetRequiredService<TableServiceClient>());
        Assert.Same(queues, provider.GetRequiredService<QueueServiceClient>());
        Assert.Same(provider.GetRequiredService<StorageConnection>(), provider.GetRequiredService<StorageConnection>());
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
