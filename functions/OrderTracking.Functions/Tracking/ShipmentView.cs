using OrderTracking.Core.Tracking;

namespace OrderTracking.Functions.Tracking;

/// <summary>One shipment in <see cref="TrackingResponse"/>.</summary>
internal sealed record ShipmentView(
    string Carrier,
    string TrackingNumber,
    string? TrackingUrl,
    TrackingStatus Status,
    string? Reason,
    bool Delayed,
    DateTimeOffset? Eta,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<EventView> Events);
