using Azure.Data.Tables;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;
using Xunit.Abstractions;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 12: the state machine (ingest → schedule → poll → merge → notify → sweep) in process, on Azurite and a fake
/// clock. A sandbox journey with one step a day runs its days in well under a second of wall time.
/// </summary>
public sealed class JourneySimulationTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FourDayJourney_OneEmailPerMilestone_EachWithinItsCadence_AndDelivered()
    {
        await using var sim = new StateMachineHarness(azurite, s_start, new Dictionary<string, string?> { ["Carriers:Sandbox:StepSeconds"] = "86400", ["Notifications:OrderConfirmed:Api"] = "false" });
        await sim.StartAsync();
        const string number = "SBX4SIM000001"; // label → in transit (day 1) → out for delivery (day 2) → delivered (day 3)
        await sim.Get<OrderIngestor>().IngestAsync(new OrderEvent
        {
            Source = OrderSources.Api,
            ExternalId = "SIM-1",
            Customer = new CustomerInfo("ana@example.com", "Ana", "es"),
            Shipments = [new ShipmentInfo(number, "sandbox")],
        }, CancellationToken.None);

        var wall = System.Diagnostics.Stopwatch.StartNew();
        await sim.RunUntilAsync(s_start.AddDays(10));
        output.WriteLine($"10 simulated days: {sim.Ticks} steps, {sim.Handled[QueueNames.PollRequests]} polls, {wall.ElapsedMilliseconds} ms wall");

        ShipmentRecord shipment = (await sim.Get<OrderStore>().GetShipmentAsync("api:SIM-1", "sandbox", number, CancellationToken.None))!;
        Assert.Equal(TrackingStatus.Delivered, shipment.Tracking.Status);
        var sent = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (TableEntity row in sim.Table(TableNames.Notifications).QueryAsync<TableEntity>($"PartitionKey eq 'api:SIM-1'"))
        {
            Assert.Equal("sent", row.GetString("State"));
            sent.Add(row.RowKey.Split('|')[2], row.GetDateTimeOffset("CompletedAt")!.Value);
        }

        Assert.Equal(["delivered", "outForDelivery", "shipped"], sent.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, Directory.GetFiles(sim.OutboxDirectory, "*.eml").Length);

        // Each milestone is seen within one poll interval of the cadence for the status before it (+ one tick):
        // label created 2 h; in transit 12 h, because the sandbox's ETA (4 steps) is two days after its out-for-delivery
        // step, so that morning is not an ETA day's window; out for delivery 1 h.
        AssertLag(sent["shipped"], s_start.AddDays(1), TimeSpan.FromHours(2));
        AssertLag(sent["outForDelivery"], s_start.AddDays(2), TimeSpan.FromHours(12));
        AssertLag(sent["delivered"], s_start.AddDays(3), TimeSpan.FromHours(1));
        Assert.True(sim.Handled[QueueNames.PollRequests] < 100, $"{sim.Handled[QueueNames.PollRequests]} polls for one journey");
    }

    [Fact]
    public async Task StalledInTransit_TheHourlySweepStartsOneDelayEpisode_OneDelayedEmail()
    {
        await using var sim = new StateMachineHarness(azurite, s_start, new Dictionary<string, string?> { ["Carriers:Sandbox:StepSeconds"] = "86400", ["Notifications:OrderConfirmed:Api"] = "false" });
        await sim.StartAsync();
        const string number = "SBX2SIM000002"; // label → in transit on day 1, then no scan ever again
        await sim.Get<OrderIngestor>().IngestAsync(new OrderEvent
        {
            Source = OrderSources.Api,
            ExternalId = "SIM-2",
            Customer = new CustomerInfo("ana@example.com", "Ana", "en"),
            Shipments = [new ShipmentInfo(number, "sandbox")],
        }, CancellationToken.None);

        await sim.RunUntilAsync(s_start.AddDays(9));

        var rows = new List<TableEntity>();
        await foreach (TableEntity row in sim.Table(TableNames.Notifications).QueryAsync<TableEntity>($"PartitionKey eq 'api:SIM-2'"))
        {
            rows.Add(row);
        }

        TableEntity delayed = Assert.Single(rows, r => r.RowKey.Split('|')[2].StartsWith("delayed-", StringComparison.Ordinal)); // one episode
        Assert.Single(rows, r => r.RowKey.Split('|')[2] == "shipped");
        // Stalled = no scan for 3 days (Notifications:StalledAfter) after the day-1 scan; the sweep runs hourly at :05.
        Assert.InRange(delayed.GetDateTimeOffset("CompletedAt")!.Value - s_start.AddDays(4), TimeSpan.Zero, TimeSpan.FromHours(1) + TimeSpan.FromMinutes(5));
        Assert.True((await sim.Get<OrderStore>().GetShipmentAsync("api:SIM-2", "sandbox", number, CancellationToken.None))!.Tracking.Delayed);
    }

    [Fact]
    public async Task DailyPickupWindow_LabelCreatedSleepsUntilThePickup_AndTheFirstScanIsSeenWithinTheLabelCadence()
    {
        // A merchant in Madrid (UTC+1 in December) with a daily pickup at 17:00 local = 16:00 UTC, set as a user would.
        await using var sim = new StateMachineHarness(azurite, s_start, new Dictionary<string, string?>
        {
            ["Carriers:Sandbox:StepSeconds"] = "36000", // label 08:00 UTC, first scan 18:00 (inside the window), …
            ["Notifications:OrderConfirmed:Api"] = "false",
            ["Polling:Cadence:PickupWindowStart"] = "17:00:00",
            ["Polling:Cadence:ShipFromTimeZone"] = "Europe/Madrid",
        });
        await sim.StartAsync();
        const string number = "SBX4SIM000003";
        await sim.Get<OrderIngestor>().IngestAsync(new OrderEvent
        {
            Source = OrderSources.Api,
            ExternalId = "SIM-3",
            Customer = new CustomerInfo("ana@example.com", "Ana", "es"),
            Shipments = [new ShipmentInfo(number, "sandbox")],
        }, CancellationToken.None);

        DateTimeOffset firstScan = s_start.AddHours(10);
        await sim.RunUntilAsync(firstScan.AddMinutes(-1));
        // The first poll at registration, then none until the window opens at 16:00 UTC (the 12 h outside the window
        // would be 18:48 at the earliest, capped at the window's start). Around the clock it would be five, every 2 h.
        Assert.Equal(2, sim.Handled[QueueNames.PollRequests]);

        await sim.RunUntilAsync(s_start.AddDays(1));
        var rows = new List<TableEntity>();
        await foreach (TableEntity row in sim.Table(TableNames.Notifications).QueryAsync<TableEntity>($"PartitionKey eq 'api:SIM-3'"))
        {
            rows.Add(row);
        }

        TableEntity shipped = Assert.Single(rows, r => r.RowKey.Split('|')[2] == "shipped");
        Assert.InRange(shipped.GetDateTimeOffset("CompletedAt")!.Value - firstScan, TimeSpan.Zero, TimeSpan.FromHours(2.2) + TimeSpan.FromMinutes(1));
    }

    private static void AssertLag(DateTimeOffset sentAt, DateTimeOffset happenedAt, TimeSpan cadence) =>
        Assert.InRange(sentAt - happenedAt, TimeSpan.Zero, cadence + TimeSpan.FromMinutes(1));
}
