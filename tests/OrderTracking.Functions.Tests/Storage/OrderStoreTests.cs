using Azure;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Storage;

[Collection(StoreCollection.Name)]
public sealed class OrderStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task UpsertOrder_Merge_KeepsFieldsALaterEventDoesNotCarry()
    {
        var orders = new OrderStore(await StoreCollection.StorageAsync(azurite));
        string key = "api:" + StoreCollection.Unique("ORD");
        await orders.UpsertOrderAsync(Order(key) with { CustomerEmail = "ana@example.com", References = new Dictionary<string, string> { ["paypal"] = "CAP-1" }, CreatedAt = s_at }, s_none);

        await orders.UpsertOrderAsync(Order(key) with { CustomerName = "Ana", UpdatedAt = s_at.AddHours(1) }, s_none);

        OrderRecord stored = (await orders.GetOrderAsync(key, s_none))!;
        Assert.Equal("ana@example.com", stored.CustomerEmail);
        Assert.Equal("Ana", stored.CustomerName);
        Assert.Equal("CAP-1", stored.References["paypal"]);
        Assert.Equal(s_at, stored.CreatedAt);
        Assert.Equal(s_at.AddHours(1), stored.UpdatedAt);
    }

    [Fact]
    public async Task GetOrder_Missing_IsNull()
    {
        var orders = new OrderStore(await StoreCollection.StorageAsync(azurite));

        Assert.Null(await orders.GetOrderAsync("api:" + StoreCollection.Unique("NONE"), s_none));
    }

    [Fact]
    public async Task TryAddShipment_Twice_SecondIsFalseAndTheFirstRowStays()
    {
        var orders = new OrderStore(await StoreCollection.StorageAsync(azurite));
        string key = "api:" + StoreCollection.Unique("ADD");

        Assert.True(await orders.TryAddShipmentAsync(Shipment(key) with { TrackingUrl = "https://first" }, s_none));
        Assert.False(await orders.TryAddShipmentAsync(Shipment(key) with { TrackingUrl = "https://second" }, s_none));

        ShipmentRecord row = Assert.Single(await orders.GetShipmentsAsync(key, s_none));
        Assert.Equal("https://first", row.TrackingUrl);
    }

    [Fact]
    public async Task UpdateShipment_StaleETag_Throws412AndLeavesTheNewerWrite()
    {
        var orders = new OrderStore(await StoreCollection.StorageAsync(azurite));
        string key = "api:" + StoreCollection.Unique("ETAG");
        await orders.TryAddShipmentAsync(Shipment(key), s_none);
        ShipmentRecord read = (await orders.GetShipmentAsync(key, "ups", "1Z999AA10123456784", s_none))!;

        ShipmentRecord first = await orders.UpdateShipmentAsync(read with { NotFoundCount = 1 }, s_none);
        RequestFailedException stale = await Assert.ThrowsAsync<RequestFailedException>(
            () => orders.UpdateShipmentAsync(read with { NotFoundCount = 9 }, s_none));
        await orders.UpdateShipmentAsync(first with { NotFoundCount = 2 }, s_none);

        Assert.Equal(412, stale.Status);
        Assert.NotEqual(read.ETag, first.ETag);
        Assert.Equal(2, (await orders.GetShipmentAsync(key, "ups", "1Z999AA10123456784", s_none))!.NotFoundCount);
    }

    [Fact]
    public async Task Shipment_RoundTrip_KeepsTrackingStateAndTypes()
    {
        var orders = new OrderStore(await StoreCollection.StorageAsync(azurite));
        string key = "api:" + StoreCollection.Unique("RT");
        ShipmentRecord written = Shipment(key) with
        {
            Candidates = ["fedex", "usps"],
            ScheduleOwner = true,
            ScheduleRowKey = "0639000000000000000|1Z999AA10123456784",
            NextPollAt = s_at.AddMinutes(30),
            PollFailures = 3,
            Tracking = new ShipmentTracking
            {
                Status = TrackingStatus.OutForDelivery,
                Eta = s_at.AddDays(1),
                Events = [new TrackingEvent(s_at, TrackingStatus.OutForDelivery, new string('x', 500), City: "Berlin")],
            },
        };
        await orders.TryAddShipmentAsync(written, s_none);

        ShipmentRecord read = (await orders.GetShipmentAsync(key, "ups", "1Z999AA10123456784", s_none))!;

        Assert.Equal(["fedex", "usps"], read.Candidates);
        Assert.True(read.ScheduleOwner);
        Assert.Equal(written.ScheduleRowKey, read.ScheduleRowKey);
        Assert.Equal(s_at.AddMinutes(30), read.NextPollAt);
        Assert.Equal(3, read.PollFailures);
        Assert.Equal(TrackingStatus.OutForDelivery, read.Tracking.Status);
        Assert.Equal(s_at.AddDays(1), read.Tracking.Eta);
        TrackingEvent e = Assert.Single(read.Tracking.Events);
        Assert.Equal(300, e.Description.Length);
        Assert.Equal("Berlin", e.City);
        Assert.Equal(s_at, e.Time);
    }

    [Fact]
    public async Task Index_ListsEveryOrderHoldingTheNumber_AndUnindexRemovesOne()
    {
        var orders = new OrderStore(await StoreCollection.StorageAsync(azurite));
        string number = StoreCollection.Unique("SBX4IDX").ToUpperInvariant();
        await orders.IndexShipmentAsync("sandbox", number, "api:A", s_none);
        await orders.IndexShipmentAsync("sandbox", number, "api:B", s_none);
        await orders.IndexShipmentAsync("sandbox", number, "api:A", s_none);

        Assert.Equal(["api:A", "api:B"], await orders.GetOrderKeysAsync("sandbox", number, s_none));

        await orders.UnindexShipmentAsync("sandbox", number, "api:A", s_none);
        await orders.UnindexShipmentAsync("sandbox", number, "api:A", s_none);

        Assert.Equal(["api:B"], await orders.GetOrderKeysAsync("sandbox", number, s_none));
    }

    [Fact]
    public async Task DeleteShipment_Twice_IsNotAnError()
    {
        var orders = new OrderStore(await StoreCollection.StorageAsync(azurite));
        string key = "api:" + StoreCollection.Unique("DEL");
        ShipmentRecord shipment = Shipment(key);
        await orders.TryAddShipmentAsync(shipment, s_none);

        await orders.DeleteShipmentAsync(shipment, s_none);
        await orders.DeleteShipmentAsync(shipment, s_none);

        Assert.Empty(await orders.GetShipmentsAsync(key, s_none));
    }

    private static OrderRecord Order(string key) => new() { OrderKey = key, Source = "api", ExternalId = key[4..] };

    private static ShipmentRecord Shipment(string key) => new()
    {
        OrderKey = key,
        Carrier = "ups",
        TrackingNumber = "1Z999AA10123456784",
        RegisteredAt = s_at,
    };
}
