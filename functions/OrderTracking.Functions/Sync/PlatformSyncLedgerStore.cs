using Azure.Data.Tables;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Sync;

/// <summary>One <c>PlatformSync</c> row: a write-back's state on one platform.</summary>
internal sealed record PlatformSyncRow(string Platform, string Carrier, string TrackingNumber, string Action, string State, string? PlatformId, string? Reason, DateTimeOffset? UpdatedAt);

/// <summary>
/// The <c>PlatformSync</c> write-back ledger (DESIGN §5): <c>orderKey</c> / <c>{platform}|{carrier}|{trackingNumber}|{action}</c>,
/// <c>pending</c> → <c>done</c> (with the platform's id) or <c>failed</c> (with the platform's reason). The pending row
/// is written before the platform call, as the notification ledger does, so the work is recorded before it happens.
/// </summary>
internal sealed class PlatformSyncLedgerStore(StorageContext storage)
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";

    private TableClient Table => storage.Table(TableNames.PlatformSync);

    public static string RowKey(string platform, string carrier, string trackingNumber, string action) => $"{platform}|{carrier}|{trackingNumber}|{action}";

    /// <summary>Inserts the pending row, or returns the state already recorded.</summary>
    public async Task<string> ClaimAsync(string orderKey, string rowKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await Table.TryAddAsync(new TableEntity(orderKey, rowKey) { ["State"] = Pending, ["CreatedAt"] = now, ["UpdatedAt"] = now }, cancellationToken))
        {
            return Pending;
        }

        TableEntity? existing = await Table.FindAsync(orderKey, rowKey, ["State"], cancellationToken);
        return existing?.GetString("State") ?? Pending;
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
