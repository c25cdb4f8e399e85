using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Security;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Retention;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 12: finished orders leave the working tables <c>Retention:FinishedAfter</c> (90 days) after their last shipment
/// finished, driven by the due <c>Expiries</c> rows, and the read API keeps answering for them from <c>OrderArchive</c>.
/// On the fake clock with the real services on Azurite.
/// </summary>
public sealed class RetentionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ReadKey = "simulation-read-token-key-0123456789";
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DeliveredOrder_ArchivedNinetyDaysAfterDelivery_ReadApiAnswersTheSame_WorkingRowsGone_LateEventIgnored()
    {
        await using var sim = new StateMachineHarness(azurite, s_start, new Dictionary<string, string?> { ["Carriers:Sandbox:StepSeconds"] = "86400" });
        await sim.StartAsync();
        const string number = "SBX4RET000001"; // delivered on day 3, confirmed on day 4
        const string orderKey = "api:RET-1";
        await sim.Get<OrderIngestor>().IngestAsync(Event("RET-1", number), CancellationToken.None);
        await sim.RunUntilAsync(s_start.AddDays(6));
        ShipmentRecord delivered = (await sim.Get<OrderStore>().GetShipmentAsync(orderKey, "sandbox", number, CancellationToken.None))!;
        Assert.Equal(TrackingStatus.Delivered, delivered.Tracking.Status);
        (int status, string body, string etag) before = await ReadAsync(sim, orderKey);
        Assert.Equal(200, before.status);
        int emails = Directory.GetFiles(sim.OutboxDirectory, "*.eml").Length;

        Assert.Single(await RowsAsync(sim, TableNames.OrderLookup, LookupHash.OrderNumber(ReadKey, "RET-1")));

        // 89 days after delivery: nothing is due yet (the index row waits for day 3 + 90).
        sim.Time.SetUtcNow(delivered.Tracking.UpdatedAt!.Value.AddDays(89));
        Assert.Equal(new ArchiveResult(0, 0, 0, 0), await sim.Get<OrderArchiver>().ArchiveDueAsync(CancellationToken.None));

        sim.Time.SetUtcNow(delivered.Tracking.UpdatedAt!.Value.AddDays(90).AddHours(1));
        ArchiveResult result = await sim.Get<OrderArchiver>().ArchiveDueAsync(CancellationToken.None);
        Assert.Equal(1, result.Archived);

        Assert.Empty(await RowsAsync(sim, TableNames.Orders, orderKey));           // customer email and name gone
        Assert.Empty(await RowsAsync(sim, TableNames.Notifications, orderKey));
        Assert.Empty(await RowsAsync(sim, TableNames.ShipmentIndex, ShipmentRows.IndexPartition("sandbox", number)));
        Assert.Empty(await sim.Table(TableNames.Expiries).QueryAsync<TableEntity>().ToListAsync());
        Assert.Empty(await RowsAsync(sim, TableNames.OrderLookup, LookupHash.OrderNumber(ReadKey, "RET-1"))); // the email hash goes too
        (int status, string body, string etag) after = await ReadAsync(sim, orderKey);
        Assert.Equal(before, after); // same answer, same ETag: a storefront polling with If-None-Match sees no change
        Assert.Contains("\"delivered\"", after.body, StringComparison.Ordinal);
        Assert.DoesNotContain("ana@example.com", after.body, StringComparison.Ordinal);

        // A late webhook for the archived order does not bring it back or email the customer again.
        IngestSummary late = await sim.Get<OrderIngestor>().IngestAsync(Event("RET-1", number), CancellationToken.None);
        await sim.RunUntilAsync(sim.Time.GetUtcNow().AddDays(2));
        Assert.Equal(0, late.ShipmentsAdded);
        Assert.Empty(await RowsAsync(sim, TableNames.Orders, orderKey));
        Assert.Equal(emails, Directory.GetFiles(sim.OutboxDirectory, "*.eml").Length);
    }

    [Fact]
    public async Task OrderWithAShipmentThatFinishedLater_IsMovedToItsLastFinish_AndActiveOrdersAreNotArchived()
    {
        await using var sim = new StateMachineHarness(azurite, s_start);
        await sim.StartAsync();
        OrderStore orders = sim.Get<OrderStore>();
        ExpiryStore expiries = sim.Get<ExpiryStore>();
        await orders.UpsertOrderAsync(new OrderRecord { OrderKey = "api:RET-2", Source = "api", ExternalId = "RET-2", CustomerEmail = "bo@example.com" }, CancellationToken.None);
        await orders.TryAddShipmentAsync(Shipment("api:RET-2", "SBX4RET2A", TrackingStatus.Delivered, s_start), CancellationToken.None);
        await orders.TryAddShipmentAsync(Shipment("api:RET-2", "SBX5RET2B", TrackingStatus.ReturnToSender, s_start.AddDays(10)), CancellationToken.None);
        await expiries.UpsertAsync("api:RET-2", s_start.AddDays(90), CancellationToken.None); // written when the first one finished
        await orders.UpsertOrderAsync(new OrderRecord { OrderKey = "api:RET-3", Source = "api", ExternalId = "RET-3" }, CancellationToken.None);
        await orders.TryAddShipmentAsync(Shipment("api:RET-3", "SBX4RET3A", TrackingStatus.Delivered, s_start), CancellationToken.None);
        await orders.TryAddShipmentAsync(Shipment("api:RET-3", "SBX2RET3B", TrackingStatus.InTransit, s_start), CancellationToken.None);
        await expiries.UpsertAsync("api:RET-3", s_start.AddDays(90), CancellationToken.None);
        OrderArchiver archiver = sim.Get<OrderArchiver>();

        sim.Time.SetUtcNow(s_start.AddDays(91));
        Assert.Equal(new ArchiveResult(2, 0, 1, 1), await archiver.ArchiveDueAsync(CancellationToken.None)); // RET-2 moved to day 100, RET-3 active: dropped
        Assert.Equal(3, (await RowsAsync(sim, TableNames.Orders, "api:RET-2")).Count);

        sim.Time.SetUtcNow(s_start.AddDays(100).AddMinutes(1));
        Assert.Equal(new ArchiveResult(1, 1, 0, 0), await archiver.ArchiveDueAsync(CancellationToken.None));
        Assert.Empty(await RowsAsync(sim, TableNames.Orders, "api:RET-2"));
        Assert.Equal(3, (await RowsAsync(sim, TableNames.Orders, "api:RET-3")).Count); // still active: kept, whatever its age
        Assert.NotNull(await sim.Get<OrderArchiveStore>().GetResponseJsonAsync("api:RET-2", CancellationToken.None));

        // Run again (another instance, a retry): nothing left to do, nothing breaks.
        Assert.Equal(new ArchiveResult(0, 0, 0, 0), await archiver.ArchiveDueAsync(CancellationToken.None));
    }

    private static OrderEvent Event(string id, string number) => new()
    {
        Source = OrderSources.Api,
        ExternalId = id,
        Customer = new CustomerInfo("ana@example.com", "Ana", "en"),
        Shipments = [new ShipmentInfo(number, "sandbox")],
    };

    private static ShipmentRecord Shipment(string orderKey, string number, TrackingStatus status, DateTimeOffset updatedAt) => new()
    {
        OrderKey = orderKey,
        Carrier = "sandbox",
        TrackingNumber = number,
        RegisteredAt = s_start.AddDays(-5),
        Tracking = new ShipmentTracking { Status = status, UpdatedAt = updatedAt },
    };

    private static async Task<List<TableEntity>> RowsAsync(StateMachineHarness sim, string table, string partition) =>
        await sim.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")).ToListAsync();

    private static async Task<(int Status, string Body, string ETag)> ReadAsync(StateMachineHarness sim, string orderKey)
    {
        string token = ReadToken.Mint(ReadKey, orderKey, sim.Time.GetUtcNow().AddDays(365));
        HttpAnswer answer = await InProcessHttp.CallAsync(http => TrackingApiEndpoints.GetAsync(
            orderKey, token, http, sim.Get<OrderStore>(), sim.Get<OrderArchiveStore>(), sim.Get<StorageContext>(),
            sim.Get<IOptions<TrackingOptions>>(), sim.Time, CancellationToken.None));
        using JsonDocument _ = JsonDocument.Parse(answer.Body); // well-formed JSON either way
        return (answer.Status, answer.Body, answer.Headers.ETag.ToString());
    }
}
