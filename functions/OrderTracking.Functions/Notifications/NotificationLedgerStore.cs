using Azure.Data.Tables;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Notifications;

/// <summary>
/// The <c>Notifications</c> ledger (DESIGN §5, §8): <c>orderKey</c> / <c>{carrier}|{trackingNumber}|{milestone}</c>.
/// The row is inserted (If-None-Match <c>*</c>) before the send and marked sent after it.
/// </summary>
internal sealed class NotificationLedgerStore(StorageContext storage)
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Skipped = "skipped";

    private TableClient Table => storage.Table(TableNames.Notifications);

    /// <summary>Inserts the pending row, or returns the existing row's state when one is already there.</summary>
    public async Task<string> ClaimAsync(string orderKey, string rowKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await Table.TryAddAsync(new TableEntity(orderKey, rowKey) { ["State"] = Pending, ["CreatedAt"] = now }, cancellationToken))
        {
            return Pending;
        }

        TableEntity? existing = await Table.FindAsync(orderKey, rowKey, ["State"], cancellationToken);
        return existing?.GetString("State") ?? Pending;
    }

    public Task MarkAsync(string orderKey, string rowKey, string state, string? providerMessageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(orderKey, rowKey) { ["State"] = state, ["CompletedAt"] = now };
        if (providerMessageId is not null)
        {
            entity["ProviderMessageId"] = providerMessageId;
        }

        return Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }
}
