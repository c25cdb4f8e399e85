using Microsoft.Extensions.Logging.Abstractions;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.Carriers;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Polling;

/// <summary>The not-found fallback to the next detected carrier, against real Azurite tables (carriers are port fakes).</summary>
public sealed class CarrierSwitcherTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private sealed class FakeTracker(string carrier, CarrierTrackingResult answer) : ICarrierTracker
    {
        public int Calls { get; private set; }

        public string Carrier => carrier;

        public int MaxBatch => 1;

        public Task<IReadOnlyDictionary<string, CarrierTrackingResult>> TrackAsync(IReadOnlyList<CarrierTrackingRequest> requests, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult<IReadOnlyDictionary<string, CarrierTrackingResult>>(requests.ToDictionary(r => r.TrackingNumber, _ => answer));
        }
    }

    private (CarrierSwitcher Switcher, OrderStore Orders, StorageContext Storage) Create(params ICarrierTracker[] trackers)
    {
        var storage = new StorageContext(azurite.TableServiceClient, azurite.QueueServiceClient);
        var orders = new OrderStore(storage);
        var options = new PollingOptions();
        var switcher = new CarrierSwitcher(new CarrierRegistry(trackers), orders, new PollScheduleStore(storage), options, NullLogger<CarrierSwitcher>.Instance);
        return (switcher, orders, storage);
    }

    private static async Task<PollItem> SeedAsync(OrderStore orders, string orderKey, string number)
    {
        string scheduleKey = PollScheduleStore.RowKey(s_now.AddHours(-1), number);
        await orders.TryAddShipmentAsync(new ShipmentRecord
        {
            OrderKey = orderKey, Carrier = "dhl", TrackingNumber = number, RegisteredAt = s_now.AddHours(-1),
            Candidates = ["fedex"], ScheduleOwner = true, ScheduleRowKey = scheduleKey,
        }, CancellationToken.None);
        await orders.IndexShipmentAsync("dhl", number, orderKey, CancellationToken.None);
        return new PollItem(number, 0, s_now.AddHours(-1), scheduleKey, PollScheduleStore.RowKey(s_now.AddMinutes(5), number));
    }

    [Fact]
    public async Task TrySwitch_NextCandidateKnowsTheNumber_MovesTheShipment()
    {
        var fedex = new FakeTracker("fedex", CarrierTrackingResult.Found(TrackingStatus.InTransit, []));
        (CarrierSwitcher switcher, OrderStore orders, StorageContext storage) = Create(fedex);
        await storage.EnsureCreatedAsync(CancellationToken.None);
        PollItem item = await SeedAsync(orders, "api:SW-1", "5551234560");

        bool switched = await switcher.TrySwitchAsync("dhl", item, s_now, CancellationToken.None);

        Assert.True(switched);
        Assert.Equal(1, fedex.Calls);
        Assert.Null(await orders.GetShipmentAsync("api:SW-1", "dhl", "5551234560", CancellationToken.None));
        ShipmentRecord moved = Assert.IsType<ShipmentRecord>(await orders.GetShipmentAsync("api:SW-1", "fedex", "5551234560", CancellationToken.None));
        Assert.True(moved.ScheduleOwner);
        Assert.Empty(moved.Candidates);
        Assert.Equal(["api:SW-1"], await orders.GetOrderKeysAsync("fedex", "5551234560", CancellationToken.None));
        Assert.Empty(await orders.GetOrderKeysAsync("dhl", "5551234560", CancellationToken.None));
        int shard = PollScheduleStore.ShardOf("5551234560", new PollingOptions().ShardCount);
        TableEntity? scheduled = await storage.Table(TableNames.PollSchedule).FindAsync(PollScheduleStore.Partition("fedex", shard), moved.ScheduleRowKey!, select: null, CancellationToken.None);
        Assert.NotNull(scheduled);
    }

    [Fact]
    public async Task TrySwitch_Repeated_IsIdempotent()
    {
        var fedex = new FakeTracker("fedex", CarrierTrackingResult.Found(TrackingStatus.InTransit, []));
        (CarrierSwitcher switcher, OrderStore orders, StorageContext storage) = Create(fedex);
        await storage.EnsureCreatedAsync(CancellationToken.None);
        PollItem item = await SeedAsync(orders, "api:SW-2", "5551234561");

        Assert.True(await switcher.TrySwitchAsync("dhl", item, s_now, CancellationToken.None));
        Assert.False(await switcher.TrySwitchAsync("dhl", item, s_now.AddSeconds(5), CancellationToken.None)); // the old owner is gone: nothing to move

        Assert.Single(await orders.GetShipmentsAsync("api:SW-2", CancellationToken.None));
    }

    [Fact]
    public async Task TrySwitch_CandidateDoesNotKnowIt_LeavesEverything()
    {
        var fedex = new FakeTracker("fedex", CarrierTrackingResult.NotFound());
        (CarrierSwitcher switcher, OrderStore orders, StorageContext storage) = Create(fedex);
        await storage.EnsureCreatedAsync(CancellationToken.None);
        PollItem item = await SeedAsync(orders, "api:SW-3", "5551234562");

        Assert.False(await switcher.TrySwitchAsync("dhl", item, s_now, CancellationToken.None));

        Assert.NotNull(await orders.GetShipmentAsync("api:SW-3", "dhl", "5551234562", CancellationToken.None));
        Assert.Null(await orders.GetShipmentAsync("api:SW-3", "fedex", "5551234562", CancellationToken.None));
    }
}
