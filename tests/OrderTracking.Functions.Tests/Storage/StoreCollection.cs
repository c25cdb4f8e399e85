using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Storage;

/// <summary>One Azurite for every store test class; each test uses its own partition keys.</summary>
[CollectionDefinition(Name)]
public sealed class StoreCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Stores on Azurite";

    internal static async Task<StorageContext> StorageAsync(AzuriteFixture azurite)
    {
        var storage = new StorageContext(azurite.TableServiceClient, azurite.QueueServiceClient);
        await storage.EnsureCreatedAsync(CancellationToken.None);
        return storage;
    }

    internal static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
