using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace OrderTracking.Functions.Storage;

/// <summary>
/// The <c>PollSchedule</c> due index (DESIGN §5, §7). Row keys sort by due time, so a tick reads only what is due:
/// O(due), not O(active). Moves (lease, reschedule) are entity group transactions inside one shard partition, so a
/// row is never lost or doubled by a crash between the delete and the insert.
/// </summary>
internal sealed class PollScheduleStore(StorageContext storage)
{
    private TableClient Table => storage.Table(TableNames.PollSchedule);

    public static string Partition(string carrier, int shard) => $"{carrier}|{shard.ToString("00", CultureInfo.InvariantCulture)}";

    public static string RowKey(DateTimeOffset due, string trackingNumber) =>
        $"{due.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{trackingNumber}";

    /// <summary>Stable shard of a number (FNV-1a), so a number always lives in the same partition.</summary>
    public static int ShardOf(string trackingNumber, int shardCount)
    {
        uint hash = 2166136261;
        foreach (char c in trackingNumber)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % (uint)shardCount);
    }

    /// <summary>Adds a schedule row; an existing row with the same key is left as is (idempotent retry).</summary>
    public Task AddAsync(string carrier, int shard, string rowKey, string trackingNumber, DateTimeOffset registeredAt, CancellationToken cancellationToken) =>
        Table.TryAddAsync(ToEntity(carrier, shard, rowKey, trackingNumber, registeredAt), cancellationToken);

    /// <summary>Rows due at or before <paramref name="now"/>, oldest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<ScheduleRow>> GetDueAsync(string carrier, int shard, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var rows = new List<ScheduleRow>();
        if (max <= 0)
        {
            return rows;
        }

        string partition = Partition(carrier, shard);
        string upper = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {upper}");
        await foreach (TableEntity e in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(FromEntity(carrier, shard, e));
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>
    /// Moves <paramref name="row"/> forward to <paramref name="leaseUntil"/> (the lease). Returns the lease row key,
    /// or null when another instance moved the row first.
    /// </summary>
    public async Task<string?> LeaseAsync(ScheduleRow row, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        string leaseKey = RowKey(leaseUntil, row.TrackingNumber);
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.Partition, row.RowKey), row.ETag),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(row.Carrier, row.Shard, leaseKey, row.TrackingNumber, row.RegisteredAt, row.OriginRowKey)),
            ], cancellationToken);
            return leaseKey;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412 or 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Leases rows of one partition in entity group transactions of up to 50 rows (a delete with the read ETag and an
    /// insert of the lease row each: 100 operations, the limit), so a tick's table writes grow with due/50, not due.
    /// A batch that loses a race on any row (another instance leased it) is atomic and changes nothing; its rows are then
    /// leased one by one, so one contended row does not hold back the others. Returns the rows leased, with their keys.
    /// </summary>
    public async Task<IReadOnlyList<(ScheduleRow Row, string LeaseRowKey)>> LeaseManyAsync(
        IReadOnlyList<ScheduleRow> rows, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var leased = new List<(ScheduleRow, string)>(rows.Count);
        foreach (IGrouping<string, ScheduleRow> partition in rows.GroupBy(r => r.Partition, StringComparer.Ordinal))
        {
            foreach (ScheduleRow[] chunk in partition.Chunk(MaxRowsPerTransaction))
            {
                (ScheduleRow Row, string Key)[] moves = [.. chunk.Select(r => (r, RowKey(leaseUntil, r.TrackingNumber)))];
                try
                {
                    await Table.SubmitTransactionAsync(
                        moves.SelectMany(m => new[]
                        {
                            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(m.Row.Partition, m.Row.RowKey), m.Row.ETag),
                            new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(m.Row.Carrier, m.Row.Shard, m.Key, m.Row.TrackingNumber, m.Row.RegisteredAt, m.Row.OriginRowKey)),
                        }),
                        cancellationToken);
                    leased.AddRange(moves);
                    Interlocked.Increment(ref _transactions);
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412 or 409)
                {
                    foreach (ScheduleRow row in chunk)
                    {
                        if (await LeaseAsync(row, leaseUntil, cancellationToken) is { } key)
                        {
                            leased.Add((row, key));
                        }
                    }
                }
            }
        }

        return leased;
    }

    /// <summary>Rows moved per entity group transaction (two operations each; a transaction holds at most 100).</summary>
    public const int MaxRowsPerTransaction = 50;

    private int _transactions;

    /// <summary>Batched lease transactions this instance submitted (for tests and measurements).</summary>
    public int TransactionsSubmitted => Volatile.Read(ref _transactions);

    /// <summary>
    /// Replaces the lease row with the next due row (or just removes it when <paramref name="nextRowKey"/> is null).
    /// Safe to repeat: a missing lease or an existing next row is not an error.
    /// </summary>
    public async Task CompleteAsync(string carrier, int shard, string leaseRowKey, string? nextRowKey, string trackingNumber, DateTimeOffset registeredAt, CancellationToken cancellationToken)
    {
        string partition = Partition(carrier, shard);
        if (nextRowKey is not null && nextRowKey != leaseRowKey)
        {
            try
            {
                await Table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, leaseRowKey), ETag.All),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(carrier, shard, nextRowKey, trackingNumber, registeredAt)),
                ], cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404)
            {
                // The lease is gone (a repeat of this step): make sure the next row exists, below.
            }

            await AddAsync(carrier, shard, nextRowKey, trackingNumber, registeredAt, cancellationToken);
            return;
        }

        if (nextRowKey is null)
        {
            await Table.DeleteEntityAsync(partition, leaseRowKey, ETag.All, cancellationToken);
        }
    }

    private static TableEntity ToEntity(string carrier, int shard, string rowKey, string trackingNumber, DateTimeOffset registeredAt, string? origin = null)
    {
        var e = new TableEntity(Partition(carrier, shard), rowKey)
        {
            ["TrackingNumber"] = trackingNumber,
            ["RegisteredAt"] = registeredAt,
        };
        if (origin is not null)
        {
            e["Origin"] = origin;
        }

        return e;
    }

    private static ScheduleRow FromEntity(string carrier, int shard, TableEntity e)
    {
        long ticks = long.Parse(e.RowKey.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture);
        return new ScheduleRow(
            carrier, shard, e.RowKey, e.GetString("TrackingNumber") ?? e.RowKey[20..],
            new DateTimeOffset(ticks, TimeSpan.Zero), e.GetDateTimeOffset("RegisteredAt") ?? DateTimeOffset.MinValue,
            e.GetString("Origin"), e.ETag);
    }
}
