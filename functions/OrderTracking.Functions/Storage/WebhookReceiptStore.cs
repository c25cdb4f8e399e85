using System.Globalization;
using Azure.Data.Tables;

namespace OrderTracking.Functions.Storage;

/// <summary>
/// <c>WebhookReceipts</c> (<c>{source}|{yyyyMMdd}</c> / provider event id): drops obvious duplicate deliveries
/// early. An optimization only: every consumer stays idempotent.
/// </summary>
internal sealed class WebhookReceiptStore(StorageContext storage)
{
    private TableClient Table => storage.Table(TableNames.WebhookReceipts);

    public static string Partition(string source, DateTimeOffset day) =>
        $"{source}|{day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>True when the event was recorded today or yesterday (a retry that crosses midnight).</summary>
    public async Task<bool> SeenAsync(string source, string eventId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string rowKey = SafeRowKey(eventId);
        return await Table.FindAsync(Partition(source, now), rowKey, ["PartitionKey"], cancellationToken) is not null
            || await Table.FindAsync(Partition(source, now.AddDays(-1)), rowKey, ["PartitionKey"], cancellationToken) is not null;
    }

    /// <summary>Days a receipt is kept: the dedupe check reads today and yesterday; platforms retry for up to 3 days.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3);

    /// <summary>
    /// Drops the daily partitions older than <see cref="Retention"/> (those of the week before, so a few days of
    /// downtime leave nothing behind), in batches of 100 deletes per entity group transaction. O(expired), never a
    /// scan of the table. Returns the receipts deleted.
    /// </summary>
    public async Task<int> DropExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        int deleted = 0;
        foreach (string source in Core.Orders.OrderKey.Sources)
        {
            for (int daysBack = (int)Retention.TotalDays + 1; daysBack <= (int)Retention.TotalDays + 7; daysBack++)
            {
                string partition = Partition(source, now.AddDays(-daysBack));
                deleted += await Table.DeleteRowsAsync(partition, await Table.RowKeysAsync(partition, cancellationToken), cancellationToken);
            }
        }

        return deleted;
    }

    public Task RecordAsync(string source, string eventId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(Partition(source, now), SafeRowKey(eventId)) { ["ReceivedAt"] = now }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Provider ids are opaque; keep them table-safe (no '/', '\', '#', '?', control characters).</summary>
    private static string SafeRowKey(string eventId)
    {
        Span<char> chars = eventId.Length <= 256 ? stackalloc char[eventId.Length] : new char[eventId.Length];
        for (int i = 0; i < eventId.Length; i++)
        {
            char c = eventId[i];
            chars[i] = c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c;
        }

        return new string(chars);
    }
}
