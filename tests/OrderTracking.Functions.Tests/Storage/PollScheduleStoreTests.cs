using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Storage;

/// <summary>The due index's moves are entity group transactions: exactly one instance wins a lease, repeats are safe.</summary>
[Collection(StoreCollection.Name)]
public sealed class PollScheduleStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task GetDue_ReturnsOnlyDueRows_OldestFirst_UpToMax()
    {
        (PollScheduleStore store, string carrier) = await CreateAsync();
        await AddAsync(store, carrier, s_now.AddMinutes(1), "LATER");
        await AddAsync(store, carrier, s_now, "NOW");
        await AddAsync(store, carrier, s_now.AddMinutes(-5), "OLDEST");
        await AddAsync(store, carrier, s_now.AddMinutes(-1), "OLDER");

        IReadOnlyList<ScheduleRow> due = await store.GetDueAsync(carrier, 0, s_now, 2, s_none);
        IReadOnlyList<ScheduleRow> all = await store.GetDueAsync(carrier, 0, s_now, 10, s_none);

        Assert.Equal(["OLDEST", "OLDER"], due.Select(r => r.TrackingNumber));
        Assert.Equal(["OLDEST", "OLDER", "NOW"], all.Select(r => r.TrackingNumber));
        Assert.Equal(s_now.AddMinutes(-5), all[0].Due);
    }

    [Fact]
    public async Task Add_Twice_KeepsOneRow()
    {
        (PollScheduleStore store, string carrier) = await CreateAsync();

        await AddAsync(store, carrier, s_now, "TWICE");
        await AddAsync(store, carrier, s_now, "TWICE");

        Assert.Single(await store.GetDueAsync(carrier, 0, s_now, 10, s_none));
    }

    [Fact]
    public async Task Lease_TwoInstancesHoldingTheSameRead_OnlyOneWins()
    {
        (PollScheduleStore store, string carrier) = await CreateAsync();
        await AddAsync(store, carrier, s_now.AddMinutes(-1), "RACE");
        ScheduleRow read = Assert.Single(await store.GetDueAsync(carrier, 0, s_now, 10, s_none));

        string?[] leases = await Task.WhenAll(
            store.LeaseAsync(read, s_now.AddMinutes(5), s_none),
            store.LeaseAsync(read, s_now.AddMinutes(6), s_none));

        Assert.Single(leases, l => l is not null);
        Assert.Empty(await store.GetDueAsync(carrier, 0, s_now, 10, s_none));
        ScheduleRow lease = Assert.Single(await store.GetDueAsync(carrier, 0, s_now.AddMinutes(10), 10, s_none));
        Assert.Equal(read.RowKey, lease.OriginRowKey);
    }

    [Fact]
    public async Task Complete_Repeated_LeavesExactlyTheNextRow()
    {
        (PollScheduleStore store, string carrier) = await CreateAsync();
        await AddAsync(store, carrier, s_now.AddMinutes(-1), "NEXT");
        ScheduleRow read = Assert.Single(await store.GetDueAsync(carrier, 0, s_now, 10, s_none));
        string lease = (await store.LeaseAsync(read, s_now.AddMinutes(5), s_none))!;
        string next = PollScheduleStore.RowKey(s_now.AddHours(2), "NEXT");

        await store.CompleteAsync(carrier, 0, lease, next, "NEXT", s_now, s_none);
        await store.CompleteAsync(carrier, 0, lease, next, "NEXT", s_now, s_none);

        ScheduleRow only = Assert.Single(await store.GetDueAsync(carrier, 0, s_now.AddDays(1), 10, s_none));
        Assert.Equal(next, only.RowKey);
    }

    [Fact]
    public async Task Complete_WithoutNext_RemovesTheLease()
    {
        (PollScheduleStore store, string carrier) = await CreateAsync();
        await AddAsync(store, carrier, s_now.AddMinutes(-1), "DONE");
        ScheduleRow read = Assert.Single(await store.GetDueAsync(carrier, 0, s_now, 10, s_none));
        string lease = (await store.LeaseAsync(read, s_now.AddMinutes(5), s_none))!;

        await store.CompleteAsync(carrier, 0, lease, null, "DONE", s_now, s_none);
        await store.CompleteAsync(carrier, 0, lease, null, "DONE", s_now, s_none);

        Assert.Empty(await store.GetDueAsync(carrier, 0, s_now.AddDays(1), 10, s_none));
    }

    private async Task<(PollScheduleStore Store, string Carrier)> CreateAsync() =>
        (new PollScheduleStore(await StoreCollection.StorageAsync(azurite)), StoreCollection.Unique("c"));

    private static Task AddAsync(PollScheduleStore store, string carrier, DateTimeOffset due, string number) =>
        store.AddAsync(carrier, 0, PollScheduleStore.RowKey(due, number), number, s_now.AddDays(-1), s_none);
}
