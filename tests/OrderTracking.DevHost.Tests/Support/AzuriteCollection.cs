using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Support;

/// <summary>One Azurite for all DevHost integration classes; they run one after another (2-core machines).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
