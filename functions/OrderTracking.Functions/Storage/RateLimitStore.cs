using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace OrderTracking.Functions.Storage;

/// <summary>
/// <c>RateLimits</c>: attempt counters in fixed windows, shared by every instance (ETag-guarded increments, so two
/// instances never both count from the same value). PartitionKey = <c>{yyyyMMdd}|{shard}</c> (8 shards per day from the
/// subject hash, so one flood does not own a partition), RowKey = <c>{scope}|{HHmm of the window start}|{subject hash}</c>.
/// The subject (a client address, an order number) is only ever stored as a keyed hash. Whole days are dropped by
/// <see cref="DropExpiredAsync"/>.
/// </summary>
internal sealed class RateLimitStore(StorageContext storage)
{
    public const int Shards = 8;
    private const int MaxAttempts = 8;

    private TableClient Table => storage.Table(TableNames.RateLimits);

    /// <summary>
    /// Counts one attempt of <paramref name="subjectHash"/> in the window starting at <paramref name="windowStart"/> and
    /// returns the count including it. Under contention it re-reads and retries; when that keeps failing it answers
    /// <see cref="int.MaxValue"/>, so the caller treats the subject as over its limit (fail closed).
    /// </summary>
    public async Task<int> IncrementAsync(string scope, string subjectHash, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        (string pk, string rk) = Keys(scope, subjectHash, windowStart);
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            TableEntity? row = await Table.FindAsync(pk, rk, ["Count"], cancellationToken);
            if (row is null)
            {
                if (await Table.TryAddAsync(new TableEntity(pk, rk) { ["Count"] = 1 }, cancellationToken))
                {
                    return 1;
                }

                continue;
            }

            int count = (row.GetInt32("Count") ?? 0) + 1;
            try
            {
                await Table.UpdateEntityAsync(new TableEntity(pk, rk) { ["Count"] = count }, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return count;
            }
            catch (RequestFailedException ex) when (TableClientExtensions.IsPreconditionFailed(ex))
            {
                // another instance counted in between: count again on top of it
            }
        }

        return int.MaxValue;
    }

    /// <summary>Drops the days before yesterday (and a few more, after downtime). O(rows dropped + 3 × shards) queries.</summary>
    public async Task<int> DropExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        int deleted = 0;
        for (int daysBack = 2; daysBack <= 4; daysBack++)
        {
            for (int shard = 0; shard < Shards; shard++)
            {
                string partition = Partition(now.AddDays(-daysBack), shard);
                deleted += await Table.DeleteRowsAsync(partition, await Table.RowKeysAsync(partition, cancellationToken), cancellationToken);
            }
        }

        return deleted;
    }

    internal static (string PartitionKey, string RowKey) Keys(string scope, string subjectHash, DateTimeOffset windowStart)
    {
        int shard = subjectHash.Length == 0 ? 0 : Convert.ToInt32(subjectHash[..1], 16) % Shards;
        return (Partition(windowStart, shard), $"{scope}|{windowStart.UtcDateTime.ToString("HHmm", CultureInfo.InvariantCulture)}|{subjectHash}");
    }

    private static string Partition(DateTimeOffset day, int shard) =>
        $"{day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}|{shard.ToString(CultureInfo.InvariantCulture)}";
}
