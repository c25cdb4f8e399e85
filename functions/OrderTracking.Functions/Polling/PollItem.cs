namespace OrderTracking.Functions.Polling;

/// <summary>One number in a <see cref="PollRequest"/>.</summary>
/// <param name="TrackingNumber">The number.</param>
/// <param name="Shard">Its <c>PollSchedule</c> shard.</param>
/// <param name="RegisteredAt">When tracking started (the sandbox journey depends on it).</param>
/// <param name="OriginRowKey">The schedule row key the owning shipment row knows.</param>
/// <param name="LeaseRowKey">The lease row this request holds.</param>
internal sealed record PollItem(string TrackingNumber, int Shard, DateTimeOffset RegisteredAt, string OriginRowKey, string LeaseRowKey);
