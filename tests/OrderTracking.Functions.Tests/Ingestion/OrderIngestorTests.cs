using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.Carriers;
using OrderTracking.Commerce;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Commerce.Stripe;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Retention;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Sync;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Tracking;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Ingestion;

/// <summary>Ingestion idempotency against real Azurite tables.</summary>
public sealed class OrderIngestorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string UpsNumber = "1Z999AA10123456784";

    private (OrderIngestor Ingestor, OrderStore Orders, StorageContext Storage) Create(PayPalOptions? payPal = null)
    {
        var storage = new StorageContext(azurite.TableServiceClient, azurite.QueueServiceClient);
        var orders = new OrderStore(storage);
        var time = new FakeTimeProvider();
        var syncer = new PlatformSyncer(
            orders, new PlatformSyncLedgerStore(storage), Options.Create(new StripeOptions()), Options.Create(payPal ?? new PayPalOptions()), Options.Create(new ShopifyOptions()), new ServiceCollection().BuildServiceProvider(), time, NullLogger<PlatformSyncer>.Instance);
        var ingestor = new OrderIngestor(
            orders, new PollScheduleStore(storage), new CarrierResolver(), new PollingOptions(), syncer, new PlatformSyncQueue(storage, Options.Create(new ShopifyOptions())),
            new OrderArchiveStore(storage), new ExpiryStore(storage), new RetentionOptions(), new OrderLookupStore(storage),
            Options.Create(new TrackingOptions { ReadTokenKey = "ingestor-tests-read-token-key-0123" }), new NotificationQueue(storage), new NotificationOptions(),
            new KpiRecorder(new KpiStore(storage), new KpiCheckStore(storage), NullLogger<KpiRecorder>.Instance), time, NullLogger<OrderIngestor>.Instance);
        return (ingestor, orders, storage);
    }

    private static OrderEvent Event(string id, string? carrierName) => new()
    {
        Source = OrderSources.Api,
        ExternalId = id,
        Customer = new CustomerInfo("ana@example.com"),
        Shipments = [new ShipmentInfo(UpsNumber, carrierName)],
    };

    [Fact]
    public async Task Ingest_LaterEventNamesAnotherCarrier_KeepsOneShipmentOnTheFirstCarrier()
    {
        (OrderIngestor ingestor, OrderStore orders, StorageContext storage) = Create();
        await storage.EnsureCreatedAsync(CancellationToken.None);

        await ingestor.IngestAsync(Event("ING-1", "FedEx"), CancellationToken.None);
        IngestSummary second = await ingestor.IngestAsync(Event("ING-1", "UPS"), CancellationToken.None);

        ShipmentRecord shipment = Assert.Single(await orders.GetShipmentsAsync("api:ING-1", CancellationToken.None));
        Assert.Equal("fedex", shipment.Carrier);
        Assert.Equal(0, second.ShipmentsAdded);
    }

    [Fact]
    public async Task Ingest_RetryAfterCrashBeforeScheduling_AddsTheScheduleRow()
    {
        (OrderIngestor ingestor, OrderStore orders, StorageContext storage) = Create();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        await ingestor.IngestAsync(Event("ING-2", "UPS"), CancellationToken.None);
        ShipmentRecord shipment = Assert.Single(await orders.GetShipmentsAsync("api:ING-2", CancellationToken.None));
        int shard = PollScheduleStore.ShardOf(UpsNumber, new PollingOptions().ShardCount);
        TableClient schedule = storage.Table(TableNames.PollSchedule);

        // Simulate the crash: the shipment row exists, its schedule row was never written.
        await schedule.DeleteEntityAsync(PollScheduleStore.Partition("ups", shard), shipment.ScheduleRowKey!);
        await ingestor.IngestAsync(Event("ING-2", "UPS"), CancellationToken.None);

        Assert.NotNull(await schedule.FindAsync(PollScheduleStore.Partition("ups", shard), shipment.ScheduleRowKey!, select: null, CancellationToken.None));
        Assert.Single(await orders.GetShipmentsAsync("api:ING-2", CancellationToken.None));
    }

    [Fact]
    public async Task Ingest_NumberReusedAfterTheFirstShipmentFinished_NewShipmentOwnsAndIsScheduled()
    {
        (OrderIngestor ingestor, OrderStore orders, StorageContext storage) = Create();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        string number = "SBX4REUSE" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await ingestor.IngestAsync(SandboxEvent("REUSE-OLD", number), CancellationToken.None);
        ShipmentRecord old = Assert.Single(await orders.GetShipmentsAsync("api:REUSE-OLD", CancellationToken.None));

        // The first journey ended: delivered, no further poll scheduled (what ShipmentUpdater writes at the end).
        await orders.UpdateShipmentAsync(old with { ScheduleRowKey = null, Tracking = old.Tracking with { Status = TrackingStatus.Delivered } }, CancellationToken.None);
        await ingestor.IngestAsync(SandboxEvent("REUSE-NEW", number), CancellationToken.None);

        ShipmentRecord reused = Assert.Single(await orders.GetShipmentsAsync("api:REUSE-NEW", CancellationToken.None));
        Assert.True(reused.ScheduleOwner, "the new shipment must own polling: nobody else will ever poll this number again");
        int shard = PollScheduleStore.ShardOf(number, new PollingOptions().ShardCount);
        Assert.NotNull(await storage.Table(TableNames.PollSchedule).FindAsync(PollScheduleStore.Partition("sandbox", shard), reused.ScheduleRowKey!, select: null, CancellationToken.None));
        Assert.Equal(["api:REUSE-NEW"], await orders.GetOrderKeysAsync("sandbox", number, CancellationToken.None)); // the old order keeps its final state
        Assert.Equal(TrackingStatus.Delivered, (await orders.GetShipmentAsync("api:REUSE-OLD", "sandbox", number, CancellationToken.None))!.Tracking.Status);
    }

    [Fact]
    public async Task Ingest_NumberOfAnActiveShipment_IsSharedNotTakenOver()
    {
        (OrderIngestor ingestor, OrderStore orders, StorageContext storage) = Create();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        string number = "SBX3SHARE" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        await ingestor.IngestAsync(SandboxEvent("SHARE-A", number), CancellationToken.None);
        await ingestor.IngestAsync(SandboxEvent("SHARE-B", number), CancellationToken.None);

        Assert.True(Assert.Single(await orders.GetShipmentsAsync("api:SHARE-A", CancellationToken.None)).ScheduleOwner);
        Assert.False(Assert.Single(await orders.GetShipmentsAsync("api:SHARE-B", CancellationToken.None)).ScheduleOwner);
        Assert.Equal(["api:SHARE-A", "api:SHARE-B"], (await orders.GetOrderKeysAsync("sandbox", number, CancellationToken.None)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ingest_LateApprovalAfterCapture_KeepsTheCaptureIdWriteBackNeeds()
    {
        (OrderIngestor ingestor, OrderStore orders, StorageContext storage) = Create();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        string id = "PP" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var approvedAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        await ingestor.IngestAsync(PayPalEvent(id, approvedAt.AddSeconds(5), ("paypalOrderId", id), ("paypalCaptureId", "3C679366HH908993F")), CancellationToken.None);
        await ingestor.IngestAsync(PayPalEvent(id, approvedAt, ("paypalOrderId", id)), CancellationToken.None);

        OrderRecord order = (await orders.GetOrderAsync("paypal:" + id, CancellationToken.None))!;
        Assert.Equal("3C679366HH908993F", order.References["paypalCaptureId"]);
        Assert.Equal(id, order.References["paypalOrderId"]);
    }

    [Fact]
    public async Task Ingest_ConcurrentEventsWithDifferentReferences_KeepBoth()
    {
        (OrderIngestor ingestor, OrderStore orders, StorageContext storage) = Create();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        string id = "PP" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => ingestor.IngestAsync(
            PayPalEvent(id, at.AddSeconds(i), ("ref" + i, "v" + i)), CancellationToken.None)));

        OrderRecord order = (await orders.GetOrderAsync("paypal:" + id, CancellationToken.None))!;
        Assert.Equal(Enumerable.Range(0, 6).Select(i => "ref" + i), order.References.Keys.Order(StringComparer.Ordinal));
    }

    private static OrderEvent PayPalEvent(string id, DateTimeOffset occurredAt, params (string Key, string Value)[] references) => new()
    {
        Source = OrderSources.PayPal,
        ExternalId = id,
        OccurredAt = occurredAt,
        References = references.ToDictionary(r => r.Key, r => r.Value),
    };

    private static OrderEvent SandboxEvent(string id, string number) => new()
    {
        Source = OrderSources.Api,
        ExternalId = id,
        Customer = new CustomerInfo("ana@example.com"),
        Shipments = [new ShipmentInfo(number, "Sandbox")],
    };

    [Fact]
    public async Task Ingest_ReplacingShipment_CancelsTheOldOne_AndARepeatChangesNothing()
    {
        (OrderIngestor ingestor, OrderStore orders, StorageContext storage) = Create();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        await ingestor.IngestAsync(SandboxEvent("ING-R1", "SBX1REPL0001"), CancellationToken.None);
        OrderEvent replacement = SandboxEvent("ING-R1", "SBX1REPL0002") with { Shipments = [new ShipmentInfo("SBX1REPL0002", "sandbox", Replaces: "SBX1REPL0001")] };

        await ingestor.IngestAsync(replacement, CancellationToken.None);
        await ingestor.IngestAsync(replacement, CancellationToken.None);

        IReadOnlyList<ShipmentRecord> shipments = await orders.GetShipmentsAsync("api:ING-R1", CancellationToken.None);
        Assert.Equal(TrackingStatus.Cancelled, Assert.Single(shipments, s => s.TrackingNumber == "SBX1REPL0001").Tracking.Status);
        ShipmentRecord current = Assert.Single(shipments, s => s.TrackingNumber == "SBX1REPL0002");
        Assert.Equal("SBX1REPL0001", current.Replaces);
        Assert.Equal(TrackingStatus.NotFound, current.Tracking.Status);
    }

    [Fact]
    public async Task Ingest_CancelledFulfillment_CancelsOnlyTheShipmentsOfThatFulfillment()
    {
        (OrderIngestor ingestor, OrderStore orders, StorageContext storage) = Create();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var shipped = new OrderEvent
        {
            Source = OrderSources.Shopify,
            ExternalId = "7100001",
            Shipments = [new ShipmentInfo("SBX1FUL00001", "sandbox", PlatformShipmentId: "gid://shopify/Fulfillment/1"), new ShipmentInfo("SBX1FUL00002", "sandbox", PlatformShipmentId: "gid://shopify/Fulfillment/2")],
        };
        await ingestor.IngestAsync(shipped, CancellationToken.None);

        await ingestor.IngestAsync(
            shipped with { Shipments = [], CancelledShipments = [new ShipmentCancellation("SBX1FUL00001", "gid://shopify/Fulfillment/1"), new ShipmentCancellation("SBX1FUL00002", "gid://shopify/Fulfillment/9")] },
            CancellationToken.None);

        IReadOnlyList<ShipmentRecord> shipments = await orders.GetShipmentsAsync("shopify:7100001", CancellationToken.None);
        Assert.Equal(TrackingStatus.Cancelled, Assert.Single(shipments, s => s.TrackingNumber == "SBX1FUL00001").Tracking.Status);
        Assert.Equal(TrackingStatus.NotFound, Assert.Single(shipments, s => s.TrackingNumber == "SBX1FUL00002").Tracking.Status);
    }

    [Fact]
    public async Task Ingest_CancellationOfAPayPalOrdersShipment_EnqueuesTheTrackerCancel_EvenOnARetry()
    {
        (OrderIngestor ingestor, _, StorageContext storage) = Create(new PayPalOptions { ClientId = "id", ClientSecret = "secret" });
        await storage.EnsureCreatedAsync(CancellationToken.None);
        string id = "PP" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        await ingestor.IngestAsync(PayPalEvent(id, at, (PlatformReferenceKeys.PayPalOrderId, id), (PlatformReferenceKeys.PayPalCaptureId, "CAP" + id)) with
        {
            Shipments = [new ShipmentInfo("SBX1PPC" + id[2..9], "sandbox")],
        }, CancellationToken.None);
        OrderEvent cancel = PayPalEvent(id, at.AddMinutes(1)) with { CancelledShipments = [new ShipmentCancellation("SBX1PPC" + id[2..9])] };

        await ingestor.IngestAsync(cancel, CancellationToken.None);
        await ingestor.IngestAsync(cancel, CancellationToken.None); // a retry after a crash that followed the status change

        List<PlatformSyncRequest> sent = await SyncRequestsAsync(storage, "paypal:" + id);
        Assert.Equal(2, sent.Count(r => r.Action == PlatformSyncRequest.Cancel && r.TrackingNumber == "SBX1PPC" + id[2..9]));
        Assert.Contains(sent, r => r.Action == PlatformSyncRequest.Track);
    }

    private static async Task<List<PlatformSyncRequest>> SyncRequestsAsync(StorageContext storage, string orderKey)
    {
        var found = new List<PlatformSyncRequest>();
        QueueClient queue = storage.Queue(QueueNames.PlatformSync);
        foreach (PeekedMessage m in (await queue.PeekMessagesAsync(32)).Value)
        {
            PlatformSyncRequest? request = System.Text.Json.JsonSerializer.Deserialize<PlatformSyncRequest>(m.Body.ToString(), Json.Options);
            if (request?.OrderKey == orderKey)
            {
                found.Add(request);
            }
        }

        return found;
    }

    [Fact]
    public async Task IngestEvent_SecondDeliveryOfAnEventId_IsSkippedAfterTheFirstWasIngested()
    {
        (OrderIngestor ingestor, OrderStore orders, StorageContext storage) = Create();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCommerce(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        await using ServiceProvider provider = services.BuildServiceProvider();
        var function = new IngestEventFunction(
            ingestor, new InboundEventParser(provider.GetRequiredService<PayPalEventParser>(), NullLogger<InboundEventParser>.Instance),
            new WebhookReceiptStore(storage), trigger: null!, new FakeTimeProvider(), NullLogger<IngestEventFunction>.Instance);
        string id = "evt_" + Guid.NewGuid().ToString("N");
        // A number of its own: the other tests' orders share the UPS number, and a second holder would change who polls it.
        var message = new InboundMessage { Type = InboundMessage.OrderEventType, Event = SandboxEvent("ING-DUP-" + id[^6..], "SBX1DUP" + id[^8..]) with { EventId = id } };

        string first = await function.HandleAsync(message, CancellationToken.None);
        string second = await function.HandleAsync(message, CancellationToken.None);

        Assert.Contains("1 shipment(s) added", first, StringComparison.Ordinal);
        Assert.EndsWith("is a duplicate delivery; skipped", second, StringComparison.Ordinal);
        Assert.Single(await orders.GetShipmentsAsync("api:ING-DUP-" + id[^6..], CancellationToken.None));
    }
}
