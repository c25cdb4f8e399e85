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

    public static string RowKey(DateTimeOffset at, string orderKey, string carrier, string trackingNumber) =>
        DueRows.RowKey(at, $"{orderKey}|{carrier}|{trackingNumber}");

    /// <summary>Writes the row for this shipment row at <paramref name="at"/> (idempotent).</summary>
    public Task UpsertAsync(string orderKey, string carrier, string trackingNumber, DateTimeOffset at, CancellationToken cancellationToken)
    {
        TableEntity e = DueRows.Entity(at, $"{orderKey}|{carrier}|{trackingNumber}");
        e["OrderKey"] = orderKey;
        e["Carrier"] = carrier;
        e["TrackingNumber"] = trackingNumber;
        return Table.UpsertEntityAsync(e, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Rows due at or before <paramref name="now"/>, oldest first, at most <paramref name="max"/> (<see cref="DueRows"/>).</summary>
    public async Task<IReadOnlyList<DelayCheck>> GetDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
    [
        .. (await DueRows.GetDueAsync(Table, now, max, cancellationToken)).Select(e => new DelayCheck(
            e.PartitionKey, e.RowKey, e.GetString("OrderKey") ?? string.Empty, e.GetString("Carrier") ?? string.Empty,
            e.GetString("TrackingNumber") ?? string.Empty, e.GetDateTimeOffset("At") ?? now)),
    ];

    /// <summary>Deletes a processed row; one already gone (another instance's sweep) is not an error (the SDK answers 404 quietly).</summary>
    public Task DeleteAsync(DelayCheck row, CancellationToken cancellationToken) =>
        Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
}
