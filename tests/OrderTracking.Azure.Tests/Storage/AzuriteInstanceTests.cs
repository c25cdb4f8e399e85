using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using OrderTracking.Azure.Storage;
using OrderTracking.Azurite;
using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteInstanceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StartAsync_ExistingConnectionString_StartsNothingAndReturnsIt()
    {
        const string existing = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net";

        await using AzuriteInstance instance = await AzuriteInstance.StartAsync(new AzuriteOptions
        {
            ExistingConnectionString = existing,
            RepositoryRoot = "/definitely/not/a/repo",
        });

        Assert.True(instance.IsExternal);
        Assert.Equal(existing, instance.ConnectionString);
    }

    [Fact]
    public async Task StartAsync_DevelopmentStorageString_IsNotTreatedAsExisting()
    {
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => AzuriteInstance.StartAsync(new AzuriteOptions
        {
            ExistingConnectionString = "UseDevelopmentStorage=true",
            RepositoryRoot = Path.GetTempPath(),
        }));

        Assert.Contains("package.json", error.Message);
    }

    [Fact]
    public async Task StartAsync_ReuseIfListening_ReusesTheRunningAzurite()
    {
        Skip.IfExternal(azurite);
        StorageConnection running = azurite.Connection;
        int blob = new Uri(azurite.ConnectionString.Split(';').First(p => p.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..]).Port;

        await using AzuriteInstance reused = await AzuriteInstance.StartAsync(new AzuriteOptions
        {
            ReuseIfListening = true,
            BlobPort = blob,
            QueuePort = running.QueueEndpoint.Port,
            TablePort = running.TableEndpoint.Port,
        });

        Assert.True(reused.IsExternal);
        Assert.Equal(running.TableEndpoint, StorageConnection.FromConnectionString(reused.ConnectionString).TableEndpoint);
    }

    [Fact]
    public async Task DisposeAsync_StartedInstance_StopsListening()
    {
        AzuriteInstance instance = await AzuriteInstance.StartAsync(new AzuriteOptions());
        StorageConnection connection = StorageConnection.FromConnectionString(instance.ConnectionString);
        QueueClient queue = connection.CreateQueueServiceClient().GetQueueClient("alive");
        await queue.CreateIfNotExistsAsync();

        await instance.DisposeAsync();

        Assert.False(instance.IsExternal);
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", connection.QueueEndpoint.Port));
    }

    [Fact]
    public async Task StopAsync_OnDisk_RestartOnTheSameWorkspaceKeepsEveryAcknowledgedWrite()
    {
        string data = Path.Combine(Path.GetTempPath(), "ot-azurite-stop-" + Guid.NewGuid().ToString("N"));
        var options = new AzuriteOptions { InMemory = false, DataDirectory = data, BlobPort = FreePort(), QueuePort = FreePort(), TablePort = FreePort() };
        try
        {
            AzuriteInstance first = await AzuriteInstance.StartAsync(options);
            StorageConnection connection = StorageConnection.FromConnectionString(first.ConnectionString);
            QueueClient queue = connection.CreateQueueServiceClient().GetQueueClient("kept");
            TableClient table = connection.CreateTableServiceClient().GetTableClient("Kept");
            await queue.CreateIfNotExistsAsync();
            await table.CreateIfNotExistsAsync();
            for (int i = 0; i < 40; i++)
            {
                await queue.SendMessageAsync($"m{i}");
                await table.AddEntityAsync(new TableEntity("p", $"r{i:D2}"));
            }

            // Written right before the stop: what a kill can lose, a stop must keep.
            await first.StopAsync(TimeSpan.FromSeconds(10));
            await using AzuriteInstance second = await AzuriteInstance.StartAsync(options);

            Assert.Equal(first.ConnectionString, second.ConnectionString);
            Assert.Equal(40, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
            Assert.Equal(40, await table.QueryAsync<TableEntity>(e => e.PartitionKey == "p").CountAsync());
        }
        finally
        {
            RepositoryLayout.TryDelete(data);
        }
    }

    [Fact]
    public async Task StartAsync_TwoInstances_GetDistinctPorts()
    {
        Skip.IfExternal(azurite);
        await using AzuriteInstance second = await AzuriteInstance.StartAsync(new AzuriteOptions());

        Assert.NotEqual(azurite.Connection.TableEndpoint.Port, StorageConnection.FromConnectionString(second.ConnectionString).TableEndpoint.Port);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static class Skip
    {
        // When AzureWebJobsStorage points at a real account there is no local Azurite to reuse: fail with a clear reason.
        public static void IfExternal(AzuriteFixture fixture)
        {
            if (fixture.Instance.IsExternal)
            {
                throw new InvalidOperationException("These tests need a local Azurite; unset AzureWebJobsStorage.");
            }
        }
    }
}
