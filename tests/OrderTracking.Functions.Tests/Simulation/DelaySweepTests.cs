using Azure.Data.Tables;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;
using Xunit.Abstractions;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 12: <c>SweepShipments</c> reads the <c>DelayChecks</c> rows that are due, not every active shipment. Its own
/// Azurite: the sweep's counts are over the whole index, so no other test's shipments may be in it.
/// </summary>
public sealed class DelaySweepTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DelaySweep_ReadsOnlyTheChecksThatAreDue_NotEveryActiveShipmentEveryHour()
    {
        await using var sim = new StateMachineHarness(azurite, s_start, new Dictionary<string, string?> { ["Carriers:Sandbox:StepSeconds"] = "86400" });
        await sim.StartAsync();
        // Five parcels stall after their day-1 scan; five are delivered on day 3 (both have the sandbox ETA of day 4).
        string[] stalled = [.. Enumerable.Range(0, 5).Select(i => $"SBX2SWP{i:D6}")];
        string[] delivered = [.. Enumerable.Range(0, 5).Select(i => $"SBX4SWP{i:D6}")];
        foreach (string number in stalled.Concat(delivered))
        {
            await sim.Get<OrderIngestor>().IngestAsync(new OrderEvent
            {
                Source = OrderSources.Api,
                ExternalId = "SWP-" + number,
                Customer = new CustomerInfo("ana@example.com", "Ana", "en"),
                Shipments = [new ShipmentInfo(number, "sandbox")],
            }, CancellationToken.None);
        }

        await sim.RunUntilAsync(s_start.AddDays(8));

        // 190+ hourly sweeps over ten active shipments: the old sweep read 10 rows each time (~1,900 reads). Now each
        // shipment's check is read once, when it falls due on day 4 (first scan + 3 days, before the ETA + 1 day).
        output.WriteLine($"{sim.Sweeps.Count} sweeps, {sim.Sweeps.Sum(s => s.Due)} delay checks read");
        Assert.True(sim.Sweeps.Count > 150, $"{sim.Sweeps.Count} sweeps");
        Assert.Equal(10, sim.Sweeps.Sum(s => s.Due));
        Assert.Equal(5, sim.Sweeps.Sum(s => s.Delayed));
        Assert.Equal(5, sim.Sweeps.Sum(s => s.Dropped)); // the delivered ones, gone from the index unread before
        int[] busy = [.. Enumerable.Range(0, sim.Sweeps.Count).Where(i => sim.Sweeps[i].Due > 0)];
        Assert.All(busy, i => Assert.Equal(4 * 24, i)); // the sweeps run hourly from 08:05 on day 0: 08:05 on day 4

        foreach (string number in stalled)
        {
            Assert.True((await sim.Get<OrderStore>().GetShipmentAsync("api:SWP-" + number, "sandbox", number, CancellationToken.None))!.Tracking.Delayed);
        }

        int delayedEmails = 0;
        await foreach (TableEntity row in sim.Table(TableNames.Notifications).QueryAsync<TableEntity>(r => r.PartitionKey.CompareTo("api:SWP-") >= 0 && r.PartitionKey.CompareTo("api:SWP.") < 0))
        {
            delayedEmails += row.RowKey.Contains("|delayed-", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.Equal(5, delayedEmails);
        Assert.Empty(await sim.Table(TableNames.DelayChecks).QueryAsync<TableEntity>().ToListAsync()); // nothing left behind
    }
}
