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
    public async Task LeaseMany_120DueRows_LeasedInThreeTransactions_EachWithItsOrigin()
    {
        (PollScheduleStore store, string carrier) = await CreateAsync();
        for (int i = 0; i < 120; i++)
        {
            await AddAsync(store, carrier, s_now.AddSeconds(-i - 1), $"MANY{i:D3}");
        }

        IReadOnlyList<ScheduleRow> due = await store.GetDueAsync(carrier, 0, s_now, 200, s_none);
        int before = store.TransactionsSubmitted;

        IReadOnlyList<(ScheduleRow Row, string LeaseRowKey)> leased = await store.LeaseManyAsync(due, s_now.AddMinutes(5), s_none);

        Assert.Equal(120, leased.Count);
        Assert.Equal(3, store.TransactionsSubmitted - before);
        Assert.Empty(await store.GetDueAsync(carrier, 0, s_now, 200, s_none));
        IReadOnlyList<ScheduleRow> leases = await store.GetDueAsync(carrier, 0, s_now.AddMinutes(10), 200, s_none);
        Assert.Equal(due.Select(r => r.RowKey).Order(StringComparer.Ordinal), leases.Select(r => r.OriginRowKey!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LeaseMany_OneRowTakenByAnotherInstance_TheRestAreStillLeased_ThatOneNotTwice()
    {
        (PollScheduleStore store, string carrier) = await CreateAsync();
        for (int i = 0; i < 10; i++)
        {
            await AddAsync(store, carrier, s_now.AddSeconds(-i - 1), $"RACE{i:D2}");
        }

        IReadOnlyList<ScheduleRow> due = await store.GetDueAsync(carrier, 0, s_now, 20, s_none);
        Assert.NotNull(await store.LeaseAsync(due[3], s_now.AddMinutes(7), s_none)); // another instance got there first

        IReadOnlyList<(ScheduleRow Row, string LeaseRowKey)> leased = await store.LeaseManyAsync(due, s_now.AddMinutes(5), s_none);

        Assert.Equal(9, leased.Count);
        Assert.DoesNotContain(leased, l => l.Row.TrackingNumber == due[3].TrackingNumber);
        Assert.Equal(10, (await store.GetDueAsync(carrier, 0, s_now.AddMinutes(10), 20, s_none)).Count); // one lease row each
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
