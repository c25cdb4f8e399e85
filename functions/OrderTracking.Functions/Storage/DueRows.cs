using System.Globalization;
using Azure.Data.Tables;

namespace OrderTracking.Functions.Storage;

/// <summary>
/// The key scheme of the app's "work due at a time" indexes (<c>DelayChecks</c>, <c>Expiries</c>): partition
/// <c>{yyyyMMddHH}</c> of the due time (UTC), row key <c>{dueUtcTicks:D19}|{key}</c>. Processed rows are deleted, so
/// one range query over the partitions up to the current hour, with the row key bounding the current hour, reads
/// exactly what is due: O(due), however many rows wait for later.
/// </summary>
internal static class DueRows
{
    public static string Partition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public static string RowKey(DateTimeOffset at, string key) => $"{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{key}";

    public static TableEntity Entity(DateTimeOffset at, string key) => new(Partition(at), RowKey(at, key)) { ["At"] = at };

    /// <summary>Rows due at or before <paramref name="now"/>, oldest first (by hour), at most <paramref name="max"/>.</summary>
    public static async Task<IReadOnlyList<TableEntity>> GetDueAsync(TableClient table, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        string upper = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        string filter = TableClient.CreateQueryFilter($"PartitionKey le {Partition(now)} and RowKey lt {upper}");
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(e);
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>
    /// Runs <paramref name="process"/> over the due rows, <paramref name="parallelism"/> at a time, and counts the
    /// outcomes it returns (each row is its own unit of work: re-read, re-decide, write).
    /// </summary>
    public static async Task<IReadOnlyDictionary<TOutcome, int>> ProcessAsync<TRow, TOutcome>(
        IReadOnlyList<TRow> rows, int parallelism, Func<TRow, CancellationToken, Task<TOutcome>> process, CancellationToken cancellationToken)
        where TOutcome : struct, Enum
    {
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<TOutcome, int>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (row, ct) =>
            counts.AddOrUpdate(await process(row, ct), 1, (_, n) => n + 1));
        return counts;
    }
}
