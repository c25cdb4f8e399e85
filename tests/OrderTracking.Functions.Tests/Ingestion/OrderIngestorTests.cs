using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.Azure.Storage;
using OrderTracking.Carriers;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Ingestion;

/// <summary>Ingestion idempotency against real Azurite tables.</summary>
public sealed class OrderIngestorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string UpsNumber = "1Z999AA10123456784";

    private (OrderIngestor Ingestor, OrderStore Orders, StorageContext Storage) Create()
    {
        var storage = new StorageContext(azurite.TableServiceClient, azurite.QueueServiceClient);
        var orders = new OrderStore(storage);
        var ingestor = new OrderIngestor(orders, new PollScheduleStore(storage), new CarrierResolver(), new PollingOptions(), new FakeTimeProvider(), NullLogger<OrderIngestor>.Instance);
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

        Assert.NotNull(await schedule.GetEntityAsync(PollScheduleStore.Partition("ups", shard), shipment.ScheduleRowKey!));
        Assert.Single(await orders.GetShipmentsAsync("api:ING-2", CancellationToken.None));
    }
}
