using System.Globalization;
using Azure;
using Azure.Data.Tables;
using OrderTracking.Core.Kpis;

namespace OrderTracking.Functions.Storage;

/// <summary>
/// <c>Kpis</c> (<c>{yyyyMMdd}</c> UTC / <c>{carrier}|{source}</c>, DESIGN §5): one aggregate row per day, carrier and
/// source, its counters as entity properties (docs/kpis.md). A counted transition also writes a marker row
/// <c>~{marker}</c> in the same partition, in the same entity group transaction as the aggregate: the marker's insert
/// fails (409) when the transition was already counted, and the whole transaction with it, so a retried or duplicated
/// transition counts once and a crash never counts half. Cost: one point read and one transaction per transition
/// (another on an ETag race). Markers sort after every aggregate row (<c>~</c> is above the key characters used), so a
/// day's report reads a row-key range that holds only aggregates.
/// A write goes to the aggregate row <c>{carrier}|{source}</c> first; after an ETag race (another instance wrote it
/// between our read and write) the retry goes to one of the overflow rows <c>{carrier}|{source}|1</c> … <c>|15</c>, picked
/// at random, and the report sums them all. One row written by every ingest and poll of a busy day was a hot spot: the
/// scaled drain's 64 concurrent ingests ran out of retries on it and failed whole ingests, 75 times for 40 orders.
/// </summary>
internal sealed class KpiStore(StorageContext storage)
{
    /// <summary>The carrier of order-level counters (lookups, sends of order emails, page opens).</summary>
    public const string AnyCarrier = "*";

    /// <summary>The source of counters that belong to no order (a lookup that matched nothing).</summary>
    public const string NoSource = "-";

    private const string MarkerPrefix = "~";
    private const int MaxAttempts = 16;

    private TableClient Table => storage.Table(TableNames.Kpis);

    public static string Partition(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Partition(DateTimeOffset at) => Partition(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>Rows one aggregate can be spread over: shard 0 is the DESIGN key, 1–15 take the writes that lost a race.</summary>
    public const int Shards = 16;

    public static string RowKey(string carrier, string source, int shard = 0) =>
        shard == 0 ? $"{carrier}|{source}" : string.Create(CultureInfo.InvariantCulture, $"{carrier}|{source}|{shard}");

    /// <summary>
    /// Adds <paramref name="increments"/> to the aggregate of <paramref name="at"/>'s UTC day for the carrier and source.
    /// With a <paramref name="marker"/>, at most once: false when that marker was already counted.
    /// </summary>
    public async Task<bool> AddAsync(
        DateTimeOffset at, string carrier, string source, string? marker, IReadOnlyDictionary<string, int> increments, CancellationToken cancellationToken)
    {
        string partition = Partition(at);
        for (int attempt = 1; ; attempt++)
        {
            // The DESIGN row first; after an ETag race, one of the overflow rows, so racing writers spread out.
            string rowKey = RowKey(carrier, source, attempt == 1 ? 0 : Random.Shared.Next(1, Shards));
            NullableResponse<TableEntity> stored = await Table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
            TableEntity next = Increment(stored.HasValue ? stored.Value! : null, partition, rowKey, increments);
            TableTransactionAction write = stored.HasValue
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, stored.Value!.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, next);
            try
            {
                if (marker is null)
                {
                    await (stored.HasValue
                        ? Table.UpdateEntityAsync(next, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                        : Table.AddEntityAsync(next, cancellationToken));
                }
                else
                {
                    var mark = new TableEntity(partition, MarkerPrefix + marker) { ["At"] = at };
                    await Table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, mark), write], cancellationToken);
                }

                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex == 0)
            {
                return false; // the marker is there: this transition was counted
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another instance wrote the aggregate between our read and write: read again (backing off with
                // jitter, up to a second, so a crowd of writers thins out instead of racing in lockstep).
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, Math.Min(1000, 10 << attempt))), cancellationToken);
            }
        }
    }

    /// <summary>Every aggregate row of the days from <paramref name="from"/> to <paramref name="to"/> (one row-key range query per day).</summary>
    public async Task<IReadOnlyList<KpiRow>> GetAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        DateOnly[] days = [.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)];
        var rows = new System.Collections.Concurrent.ConcurrentBag<KpiRow>();
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (day, ct) =>
        {
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(day)} and RowKey lt {MarkerPrefix}");
            await foreach (TableEntity e in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            {
                if (ToRow(day, e) is { } row)
                {
                    rows.Add(row);
                }
            }
        });
        return [.. rows];
    }

    private static KpiRow? ToRow(DateOnly day, TableEntity e)
    {
        string[] key = e.RowKey.Split('|');
        if (key.Length is not (2 or 3))
        {
            return null; // the report sums a day's shards of one carrier and source like any rows of one group
        }

        return new KpiRow(day, key[0], key[1], Counters(e));
    }

    /// <summary>The counters of an aggregate row: its whole-number properties.</summary>
    private static Dictionary<string, long> Counters(TableEntity e)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach ((string name, object value) in e)
        {
            if (value is int or long)
            {
                counters[name] = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }
        }

        return counters;
    }

    private static TableEntity Increment(TableEntity? stored, string partition, string rowKey, IReadOnlyDictionary<string, int> increments)
    {
        var next = new TableEntity(partition, rowKey);
        foreach ((string name, long value) in stored is null ? [] : Counters(stored))
        {
            next[name] = value;
        }

        foreach ((string name, int amount) in increments)
        {
            next[name] = (next.TryGetValue(name, out object? current) ? (long)current! : 0L) + amount;
        }

        return next;
    }
}
