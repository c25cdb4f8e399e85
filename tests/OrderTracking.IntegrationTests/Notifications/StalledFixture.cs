using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>The default app where a shipment counts as stalled after 4 s without a new scan (instead of 3 days).</summary>
public sealed class StalledFixture : FunctionAppFixture
{
    public static readonly TimeSpan StalledAfter = TimeSpan.FromSeconds(4);

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Notifications:StalledAfter"] = "00:00:04",
    };
}
