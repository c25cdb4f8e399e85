using OrderTracking.Core.Tracking;

namespace OrderTracking.Functions.Tracking;

/// <summary>One event in <see cref="ShipmentView"/> (the carrier's raw code is kept internal).</summary>
internal sealed record EventView(DateTimeOffset Time, TrackingStatus Status, string Description, string? City, string? Region, string? Country);
