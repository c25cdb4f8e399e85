using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Storage;

/// <summary>All Azurite-backed test classes share one Azurite per test run.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
