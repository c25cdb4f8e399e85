using Azure;
using Azure.Data.Tables;

namespace OrderTracking.Functions.Storage;

/// <summary>One row of a shipment due index: the shipment row of <see cref="OrderKey"/> is to be looked at, at <see cref="At"/>.</summary>
internal sealed record ShipmentDue(string PartitionKey, string RowKey, string OrderKey, string Carrier, string TrackingNumber, DateTimeOffset At);

/// <summary>
/// A "look at this shipment at this time" index (<see cref="DueRows"/> keys: <c>{yyyyMMddHH}</c> /
/// <c>{dueUtcTicks:D19}|{orderKey}|{carrier}|{trackingNumber}</c>), read by the hourly sweep O(due). A row is a hint,
/// not the truth: the sweep re-reads the shipment and re-decides, so a duplicate or outdated row costs one point read.
/// </summary>
internal abstract class ShipmentDueIndex(StorageContext storage, string tableName)
{
    private TableClient Table => storage.Table(tableName);

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
    public async Task<IReadOnlyList<ShipmentDue>> GetDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
    [
        .. (await DueRows.GetDueAsync(Table, now, max, cancellationToken)).Select(e => new ShipmentDue(
            e.PartitionKey, e.RowKey, e.GetString("OrderKey") ?? string.Empty, e.GetString("Carrier") ?? string.Empty,
            e.GetString("TrackingNumber") ?? string.Empty, e.GetDateTimeOffset("At") ?? now)),
    ];

    /// <summary>Deletes a processed row; one already gone (another instance's sweep) is not an error (the SDK answers 404 quietly).</summary>
    public Task DeleteAsync(ShipmentDue row, CancellationToken cancellationToken) =>
        Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
}

/// <summary>
/// <c>DelayChecks</c>: the index that drives the delay part of <c>SweepShipments</c>. A shipment in transit has a row at
/// the earliest time it could become delayed (<see cref="Core.Notifications.DelayPolicy.NextCheckAt"/>).
/// </summary>
internal sealed class DelayCheckStore(StorageContext storage) : ShipmentDueIndex(storage, TableNames.DelayChecks);

/// <summary>
/// <c>KpiChecks</c>: one row per new shipment at its registration + 24 h, when <c>SweepShipments</c> counts it in
/// <c>noUpdateAfter24h</c> if no carrier update had come by then (docs/kpis.md).
/// </summary>
internal sealed class KpiCheckStore(StorageContext storage) : ShipmentDueIndex(storage, TableNames.KpiChecks);
