using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Polling;

/// <summary>What the cadence policy looks at.</summary>
/// <param name="Status">Status after the poll.</param>
/// <param name="Eta">Estimated delivery, if any.</param>
/// <param name="LastEventAt">Newest carrier event, if any.</param>
/// <param name="RegisteredAt">When we started tracking.</param>
/// <param name="NotFoundCount">Consecutive "not found" answers, including this one.</param>
/// <param name="DeliveryConfirmed">True once the confirmation poll after delivery has run.</param>
public sealed record PollContext(
    TrackingStatus Status,
    DateTimeOffset? Eta,
    DateTimeOffset? LastEventAt,
    DateTimeOffset RegisteredAt,
    int NotFoundCount = 0,
    bool DeliveryConfirmed = false);
