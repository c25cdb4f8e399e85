using Azure.Data.Tables;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Retention;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 12: an order that never gets a shipment is deleted <c>Retention:FinishedAfter</c> after its last update. Its
/// own class (its own Azurite): the live shipment it ends with would otherwise be polled, expire and be archived inside
/// the other retention tests' runs.
/// </summary>
public sealed class ShipmentlessRetentionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ReadKey = "simulation-read-token-key-0123456789";
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OrderThatNeverGetsAShipment_IsDeletedNinetyDaysAfterItsLastUpdate_AndALateShipmentStartsItAgain()
    {
        await using var sim = new StateMachineHarness(azurite, s_start.AddDays(-400), new Dictionary<string, string?> { ["Notifications:OrderConfirmed:Api"] = "false" });
        await sim.StartAsync();
        DateTimeOffset created = sim.Time.GetUtcNow();
        var paidOnly = new OrderEvent { Source = OrderSources.Api, ExternalId = "RET-NS", OrderNumber = "RET-NS", Customer = new CustomerInfo("ns@example.com", "Ana", "en") };
        await sim.Get<OrderIngestor>().IngestAsync(paidOnly, CancellationToken.None);
        OrderArchiver archiver = sim.Get<OrderArchiver>();

        // Updated on day 50 (another event without a shipment): its retention counts from then.
        sim.Time.SetUtcNow(created.AddDays(50));
        await sim.Get<OrderIngestor>().IngestAsync(paidOnly, CancellationToken.None);
        sim.Time.SetUtcNow(created.AddDays(91));
        Assert.Equal(new ArchiveResult(1, 0, 1, 0, 0), await archiver.ArchiveDueAsync(CancellationToken.None)); // moved to day 140
        Assert.NotNull(await sim.Get<OrderStore>().GetOrderAsync("api:RET-NS", CancellationToken.None));

        sim.Time.SetUtcNow(created.AddDays(141));
        Assert.Equal(new ArchiveResult(1, 0, 0, 0, 1), await archiver.ArchiveDueAsync(CancellationToken.None));
        Assert.Empty(await RowsAsync(sim, TableNames.Orders, "api:RET-NS"));                                // the customer's data is gone
        Assert.Empty(await RowsAsync(sim, TableNames.OrderLookup, LookupHash.OrderNumber(ReadKey, "RET-NS")));
        Assert.Null(await sim.Get<OrderArchiveStore>().GetResponseJsonAsync("api:RET-NS", CancellationToken.None)); // nothing to archive

        // The shipment finally comes: the order starts again.
        IngestSummary late = await sim.Get<OrderIngestor>().IngestAsync(Event("RET-NS", "SBX1RETNS0001"), CancellationToken.None);
        Assert.Equal(1, late.ShipmentsAdded);
        Assert.NotNull(await sim.Get<OrderStore>().GetOrderAsync("api:RET-NS", CancellationToken.None));
    }

    private static OrderEvent Event(string id, string number) => new()
    {
        Source = OrderSources.Api,
        ExternalId = id,
        Customer = new CustomerInfo("ana@example.com", "Ana", "en"),
        Shipments = [new ShipmentInfo(number, "sandbox")],
    };

    private static async Task<List<TableEntity>> RowsAsync(StateMachineHarness sim, string table, string partition) =>
        await sim.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")).ToListAsync();
}
