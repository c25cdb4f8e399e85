using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>
/// The default app with 6 s sandbox steps and a 4 s schedule lease. <c>outForDelivery</c> is only emailed when a
/// poll sees it (docs/notifications.md), so each step must outlast a handler restart plus a lost lease; a kill that
/// lands between leasing and enqueuing a poll costs one lease, not the whole step.
/// </summary>
public sealed class SteadyStepFixture : FunctionAppFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Carriers:Sandbox:StepSeconds"] = "6",
        ["Polling:Lease"] = "00:00:04",
    };
}
