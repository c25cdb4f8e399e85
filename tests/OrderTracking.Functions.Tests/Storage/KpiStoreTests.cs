using Azure.Data.Tables;
using OrderTracking.Core.Kpis;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Storage;

/// <summary><c>Kpis</c> under many writers at once, on Azurite: the hot aggregate row of a busy day.</summary>
[Collection(StoreCollection.Name)]
public sealed class KpiStoreTests(AzuriteFixture azurite)
{
    private const int Writers = 48;
    private const int EachWrites = 15;
    private static readonly DateTimeOffset s_at = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ManyWritersOnOneDayCarrierAndSource_EveryTransitionCountedOnce_NoneFails()
    {
        StorageContext storage = await StoreCollection.StorageAsync(azurite);
        var store = new KpiStore(storage);
        string carrier = StoreCollection.Unique("c");

        // Before the overflow rows, 48 writers on one row ran out of ETag retries (RequestFailedException 412), and a
        // failed count fails the ingest or poll that made it.
        await WriteAllAsync(store, carrier);
        Assert.Equal(Writers * EachWrites, await CountAsync(store, carrier));

        // Every transition again (a retried ingest or poll): the markers drop them all.
        await WriteAllAsync(store, carrier);
        Assert.Equal(Writers * EachWrites, await CountAsync(store, carrier));

        // Spread over the row and its overflow rows only (the day's range holds nothing else of this carrier).
        var keys = new List<string>();
        await foreach (TableEntity e in storage.Table(TableNames.Kpis).QueryAsync<TableEntity>(
            $"PartitionKey eq '{KpiStore.Partition(s_at)}' and RowKey ge '{carrier}|' and RowKey lt '{carrier}}}'", select: ["RowKey"]))
        {
            keys.Add(e.RowKey);
        }

        Assert.Contains($"{carrier}|api", keys);
        Assert.All(keys, k => Assert.Matches($"^{carrier}\\|api(\\|([1-9]|1[0-5]))?$", k));
    }

    private static Task WriteAllAsync(KpiStore store, string carrier) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < EachWrites; i++)
            {
                await store.AddAsync(s_at, carrier, "api", $"registered|{carrier}|{w}-{i}", new Dictionary<string, int> { [KpiCounters.Shipments] = 1 }, CancellationToken.None);
            }
        })));

    private static async Task<long> CountAsync(KpiStore store, string carrier) =>
        (await store.GetAsync(DateOnly.FromDateTime(s_at.UtcDateTime), DateOnly.FromDateTime(s_at.UtcDateTime), CancellationToken.None))
        .Where(r => r.Carrier == carrier).Sum(r => r.Counters.GetValueOrDefault(KpiCounters.Shipments));
}
