using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Sync;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Storage;

/// <summary><c>WebhookReceipts</c>, <c>CarrierState</c>, the <c>Notifications</c> and <c>PlatformSync</c> ledgers on Azurite.</summary>
[Collection(StoreCollection.Name)]
public sealed class SmallStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 0, 10, 0, TimeSpan.Zero);
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task WebhookReceipts_SeenTodayAndAcrossMidnight_NotTwoDaysLater()
    {
        var receipts = new WebhookReceiptStore(await StoreCollection.StorageAsync(azurite));
        string id = "evt_" + StoreCollection.Unique("a/b#c?");

        Assert.False(await receipts.SeenAsync("stripe", id, s_now, s_none));
        await receipts.RecordAsync("stripe", id, s_now.AddMinutes(-20), s_none); // yesterday, 23:50

        Assert.True(await receipts.SeenAsync("stripe", id, s_now, s_none));
        Assert.False(await receipts.SeenAsync("paypal", id, s_now, s_none));
        Assert.False(await receipts.SeenAsync("stripe", id, s_now.AddDays(2), s_none));
    }

    [Fact]
    public async Task CarrierCooldown_IsExtendedButNeverShortened()
    {
        var state = new CarrierStateStore(await StoreCollection.StorageAsync(azurite));
        string carrier = StoreCollection.Unique("c");

        Assert.Null(await state.GetCooldownUntilAsync(carrier, s_none));
        await state.ExtendCooldownAsync(carrier, s_now.AddMinutes(10), s_none);
        await state.ExtendCooldownAsync(carrier, s_now.AddMinutes(2), s_none);

        Assert.Equal(s_now.AddMinutes(10), await state.GetCooldownUntilAsync(carrier, s_none));

        await state.ExtendCooldownAsync(carrier, s_now.AddMinutes(30), s_none);

        Assert.Equal(s_now.AddMinutes(30), await state.GetCooldownUntilAsync(carrier, s_none));
    }

    [Fact]
    public async Task NotificationLedger_SecondClaimSeesTheFirstClaimsState()
    {
        var ledger = new NotificationLedgerStore(await StoreCollection.StorageAsync(azurite));
        string order = "api:" + StoreCollection.Unique("N");
        const string row = "sandbox|SBX4|delivered";

        Assert.Equal(NotificationLedgerStore.Pending, await ledger.ClaimAsync(order, row, s_now, s_none));
        Assert.Equal(NotificationLedgerStore.Pending, await ledger.ClaimAsync(order, row, s_now, s_none));

        await ledger.MarkAsync(order, row, NotificationLedgerStore.Sent, "acs-1", s_now, s_none);

        Assert.Equal(NotificationLedgerStore.Sent, await ledger.ClaimAsync(order, row, s_now.AddMinutes(1), s_none));
    }

    [Fact]
    public async Task PlatformSyncClaim_IsALease_RetriesOfTheHolderGoOn_DuplicatesWait_StaleClaimsAreTakenOver()
    {
        var ledger = new PlatformSyncLedgerStore(await StoreCollection.StorageAsync(azurite));
        string order = "paypal:" + StoreCollection.Unique("o");
        string row = PlatformSyncLedgerStore.RowKey("paypal", "ups", "1Z1", "cancel");

        Assert.Equal(PlatformSyncLedgerStore.Pending, await ledger.ClaimAsync(order, row, "msg-a", s_now, s_none));
        Assert.Equal(PlatformSyncLedgerStore.Pending, await ledger.ClaimAsync(order, row, "msg-a", s_now.AddSeconds(30), s_none)); // its own retry
        Assert.Equal(PlatformSyncLedgerStore.Busy, await ledger.ClaimAsync(order, row, "msg-b", s_now.AddMinutes(1), s_none));
        Assert.Equal(PlatformSyncLedgerStore.Pending, await ledger.ClaimAsync(order, row, "msg-b", s_now + PlatformSyncLedgerStore.ClaimLease + TimeSpan.FromSeconds(1), s_none));
        Assert.Equal(PlatformSyncLedgerStore.Busy, await ledger.ClaimAsync(order, row, "msg-a", s_now + PlatformSyncLedgerStore.ClaimLease + TimeSpan.FromSeconds(2), s_none)); // b holds it now

        await ledger.MarkAsync(order, row, PlatformSyncLedgerStore.Done, "tracker-1", null, s_now.AddMinutes(11), s_none);

        Assert.Equal(PlatformSyncLedgerStore.Done, await ledger.ClaimAsync(order, row, "msg-c", s_now.AddMinutes(12), s_none));
        Assert.Equal(PlatformSyncLedgerStore.Done, await ledger.ClaimAsync(order, row, null, s_now.AddMinutes(12), s_none));
    }

    [Fact]
    public async Task PlatformSyncClaim_ConcurrentDuplicates_ExactlyOneMayWrite()
    {
        var ledger = new PlatformSyncLedgerStore(await StoreCollection.StorageAsync(azurite));
        string order = "shopify:" + StoreCollection.Unique("o");
        string row = PlatformSyncLedgerStore.RowKey("shopify", "ups", "1Z2", "track");

        string[] states = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => ledger.ClaimAsync(order, row, "msg-" + i, s_now, s_none)));

        Assert.Single(states, s => s == PlatformSyncLedgerStore.Pending);
        Assert.Equal(7, states.Count(s => s == PlatformSyncLedgerStore.Busy));
    }

    [Fact]
    public async Task WebhookReceipts_OlderThanTheRetention_AreDropped_RecentOnesKept()
    {
        var receipts = new WebhookReceiptStore(await StoreCollection.StorageAsync(azurite));
        var now = new DateTimeOffset(2030, 1, 20, 1, 0, 0, TimeSpan.Zero); // days no other test writes
        for (int i = 0; i < 130; i++)
        {
            await receipts.RecordAsync("stripe", $"evt_old_{i}", now.AddDays(-5), s_none); // 130: two delete batches
        }

        await receipts.RecordAsync("shopify", "wh_old", now.AddDays(-9), s_none);
        await receipts.RecordAsync("stripe", "evt_recent", now.AddDays(-1), s_none);

        Assert.Equal(131, await receipts.DropExpiredAsync(now, s_none));

        Assert.True(await receipts.SeenAsync("stripe", "evt_recent", now, s_none));
        Assert.False(await receipts.SeenAsync("stripe", "evt_old_7", now.AddDays(-5), s_none));
        Assert.Equal(0, await receipts.DropExpiredAsync(now, s_none));
    }
}
