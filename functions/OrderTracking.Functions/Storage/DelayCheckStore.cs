using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace OrderTracking.Functions.Storage;

/// <summary>One <c>DelayChecks</c> row: the shipment row of <see cref="OrderKey"/> is to be checked for a delay at <see cref="At"/>.</summary>
internal sealed record DelayCheck(string PartitionKey, string RowKey, string OrderKey, string Carrier, string TrackingNumber, DateTimeOffset At);

/// <summary>
/// <c>DelayChecks</c> (<c>{yyyyMMddHH}</c> of the check time, UTC / <c>{checkUtcTicks:D19}|{orderKey}|{carrier}|{trackingNumber}</c>):
/// the index that drives <c>SweepShipments</c>. A shipment in transit has a row at the earliest time it could become
/// delayed (<see cref="Core.Notifications.DelayPolicy.NextCheckAt"/>), so an hourly sweep reads the rows that are due,
/// O(due), never the <c>Orders</c> table. A row is a hint, not the truth: the sweep re-reads the shipment and
/// re-decides, so a duplicate or outdated row costs one point read and is dropped.
/// </summary>
internal sealed class DelayCheckStore(StorageContext storage)
{
    private TableClient Table => storage.Table(TableNames.DelayChecks);

    public static string Partition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public static string RowKey(DateTimeOffset at, string orderKey, string carrier, string trackingNumber) =>
        $"{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{orderKey}|{carrier}|{trackingNumber}";

    /// <summary>Writes the row for this shipment row at <paramref name="at"/> (idempotent).</summary>
    public Task UpsertAsync(string orderKey, string carrier, string trackingNumber, DateTimeOffset at, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(
            new TableEntity(Partition(at), RowKey(at, orderKey, carrier, trackingNumber))
            {
                ["OrderKey"] = orderKey,
                ["Carrier"] = carrier,
                ["TrackingNumber"] = trackingNumber,
                ["At"] = at,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>
    /// Rows due at or before <paramref name="now"/>, oldest first, at most <paramref name="max"/>. One range query over
    /// the hour partitions up to now's: processed rows are deleted, so what is left there is what is due (plus the
    /// rest of the current hour, filtered out by the row key).
    /// </summary>
    public async Task<IReadOnlyList<DelayCheck>> GetDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var rows = new List<DelayCheck>();
        string upper = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        string filter = TableClient.CreateQueryFilter($"PartitionKey le {Partition(now)} and RowKey lt {upper}");
        await foreach (TableEntity e in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(new DelayCheck(
                e.PartitionKey, e.RowKey, e.GetString("OrderKey") ?? string.Empty, e.GetString("Carrier") ?? string.Empty,
                e.GetString("TrackingNumber") ?? string.Empty, e.GetDateTimeOffset("At") ?? now));
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Deletes a processed row; one already gone (another instance's sweep) is not an error (the SDK answers 404 quietly).</summary>
    public Task DeleteAsync(DelayCheck row, CancellationToken cancellationToken) =>
        Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
}
