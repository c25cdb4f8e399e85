using Azure;

namespace OrderTracking.Functions.Storage;

/// <summary>A <c>PollSchedule</c> row: <c>{carrier}|{shard:00}</c> / <c>{dueUtcTicks:D19}|{trackingNumber}</c>.</summary>
/// <param name="Carrier">Carrier code.</param>
/// <param name="Shard">Shard of the number.</param>
/// <param name="RowKey">The row key.</param>
/// <param name="TrackingNumber">The number.</param>
/// <param name="Due">Due time (from the row key).</param>
/// <param name="RegisteredAt">When tracking started.</param>
/// <param name="Origin">
/// For a lease row, the row key the shipment knows (its <c>ScheduleRowKey</c>); a lease of a lease keeps it, so a
/// re-leased row is still recognised as the shipment's own.
/// </param>
/// <param name="ETag">The row's ETag.</param>
internal sealed record ScheduleRow(
    string Carrier, int Shard, string RowKey, string TrackingNumber, DateTimeOffset Due, DateTimeOffset RegisteredAt, string? Origin, ETag ETag)
{
    public string Partition => PollScheduleStore.Partition(Carrier, Shard);

    /// <summary>The row key the owning shipment row refers to.</summary>
    public string OriginRowKey => Origin ?? RowKey;
}
