using Azure;
using Azure.Data.Tables;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Sync;

/// <summary>One <c>PlatformSync</c> row: a write-back's state on one platform.</summary>
internal sealed record PlatformSyncRow(string Platform, string Carrier, string TrackingNumber, string Action, string State, string? PlatformId, string? Reason, DateTimeOffset? UpdatedAt);

/// <summary>
/// The <c>PlatformSync</c> write-back ledger (DESIGN §5): <c>orderKey</c> / <c>{platform}|{carrier}|{trackingNumber}|{action}</c>,
/// <c>pending</c> → <c>done</c> (with the platform's id) or <c>failed</c> (with the platform's reason). The pending row
/// is written before the platform call, as the notification ledger does, so the work is recorded before it happens.
/// It is also a lease: it names the message that claimed it, so a duplicate message (another registration, another
/// webhook) that arrives while the first is writing is dropped instead of calling the platform a second time, while a
/// retry of the claiming message (after a crash or a transient failure) goes on. A claim older than
/// <see cref="ClaimLease"/> is taken over, so a message lost to the poison queue does not block the row forever.
/// </summary>
internal sealed class PlatformSyncLedgerStore(StorageContext storage)
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>What <see cref="ClaimAsync"/> answers for a row another message holds a fresh claim on.</summary>
    public const string Busy = "busy";

    /// <summary>How long a pending row's claim keeps other messages out (longer than a platform call with its throttle waits).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    private TableClient Table => storage.Table(TableNames.PlatformSync);

    public static string RowKey(string platform, string carrier, string trackingNumber, string action) => $"{platform}|{carrier}|{trackingNumber}|{action}";

    /// <summary>
    /// Claims the row for <paramref name="claimant"/> (the message's id): <see cref="Pending"/> when this message may
    /// write (a new row, its own earlier claim, or a stale one taken over under the row's ETag), <see cref="Busy"/> when
    /// another message holds a fresh claim, else the state already recorded (<see cref="Done"/>, <see cref="Failed"/>).
    /// A message without an id (sent before ids existed) claims as before: pending rows let it through.
    /// </summary>
    public async Task<string> ClaimAsync(string orderKey, string rowKey, string? claimant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = new TableEntity(orderKey, rowKey) { ["State"] = Pending, ["ClaimedBy"] = claimant, ["ClaimedAt"] = now, ["CreatedAt"] = now, ["UpdatedAt"] = now };
            if (await Table.TryAddAsync(row, cancellationToken))
            {
                return Pending;
            }

            TableEntity? existing = await Table.FindAsync(orderKey, rowKey, ["State", "ClaimedBy", "ClaimedAt"], cancellationToken);
            if (existing is null)
            {
                continue;
            }

            string state = existing.GetString("State") ?? Pending;
            string? holder = existing.GetString("ClaimedBy");
            if (state != Pending || claimant is null || holder is null || holder == claimant)
            {
                return state;
            }

            if (existing.GetDateTimeOffset("ClaimedAt") is { } claimedAt && now - claimedAt < ClaimLease)
            {
                return Busy;
            }

            try
            {
                var takeOver = new TableEntity(orderKey, rowKey) { ["ClaimedBy"] = claimant, ["ClaimedAt"] = now, ["UpdatedAt"] = now };
                await Table.UpdateEntityAsync(takeOver, existing.ETag, TableUpdateMode.Merge, cancellationToken);
                return Pending;
            }
            catch (RequestFailedException ex) when (TableClientExtensions.IsPreconditionFailed(ex))
            {
                // Another message took it over or finished it first: read again.
            }
        }
    }

    public Task MarkAsync(string orderKey, string rowKey, string state, string? platformId, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(orderKey, rowKey) { ["State"] = state, ["UpdatedAt"] = now };
        if (platformId is not null)
        {
            entity["PlatformId"] = platformId;
        }

        if (reason is not null)
        {
            entity["Reason"] = reason.Length <= 500 ? reason : reason[..500];
        }

        return Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<PlatformSyncRow?> GetAsync(string orderKey, string rowKey, CancellationToken cancellationToken) =>
        await Table.FindAsync(orderKey, rowKey, null, cancellationToken) is { } e ? ToRow(e) : null;

    public async Task<IReadOnlyList<PlatformSyncRow>> ListAsync(string orderKey, CancellationToken cancellationToken)
    {
        var rows = new List<PlatformSyncRow>();
        await foreach (TableEntity e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {orderKey}"), cancellationToken: cancellationToken))
        {
            if (ToRow(e) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static PlatformSyncRow? ToRow(TableEntity e)
    {
        string[] parts = e.RowKey.Split('|');
        return parts.Length == 4
            ? new PlatformSyncRow(parts[0], parts[1], parts[2], parts[3], e.GetString("State") ?? Pending, e.GetString("PlatformId"), e.GetString("Reason"), e.GetDateTimeOffset("UpdatedAt"))
            : null;
    }
}
