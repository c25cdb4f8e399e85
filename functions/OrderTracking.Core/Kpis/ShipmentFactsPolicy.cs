using OrderTracking.Core.Notifications;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Kpis;

/// <summary>Updates a shipment's <see cref="ShipmentFacts"/> from one merged carrier answer (pure).</summary>
public static class ShipmentFactsPolicy
{
    /// <summary>
    /// The facts after a poll: <paramref name="after"/> is the merged state, <paramref name="changed"/> whether the merge
    /// changed anything, <paramref name="now"/> the poll time (used where no carrier event marks the moment).
    /// </summary>
    public static ShipmentFacts Observe(ShipmentFacts facts, ShipmentTracking after, bool changed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(after);
        TrackingStatus status = after.Status;
        IReadOnlyList<TrackingEvent> events = after.Events;
        return facts with
        {
            FirstEta = facts.FirstEta ?? after.Eta,
            LatestEta = after.Eta ?? facts.LatestEta,
            FirstUpdateAt = facts.FirstUpdateAt ?? (events.Count > 0 ? now : null),
            FirstScanAt = facts.FirstScanAt ?? Earliest(events, MilestonePolicy.IsCarrierScan),
            OutForDeliveryAt = facts.OutForDeliveryAt ?? Seen(events, status, s => s == TrackingStatus.OutForDelivery, now),
            DeliveredAt = facts.DeliveredAt ?? (status == TrackingStatus.Delivered ? Earliest(events, s => s == TrackingStatus.Delivered) ?? now : null),
            FirstExceptionAt = facts.FirstExceptionAt ?? Seen(events, status, IsException, now),
            ReturnedAt = facts.ReturnedAt ?? (status == TrackingStatus.ReturnToSender ? Earliest(events, s => s == TrackingStatus.ReturnToSender) ?? now : null),
            CarrierUpdates = facts.CarrierUpdates + (changed ? 1 : 0),
        };
    }

    /// <summary>An exception for the KPIs: a carrier exception or a failed delivery attempt (a return is counted apart).</summary>
    public static bool IsException(TrackingStatus status) => status is TrackingStatus.Exception or TrackingStatus.DeliveryAttempted;

    /// <summary>The earliest event with a matching status; else, when the current status matches, <paramref name="now"/>.</summary>
    private static DateTimeOffset? Seen(IReadOnlyList<TrackingEvent> events, TrackingStatus current, Func<TrackingStatus, bool> match, DateTimeOffset now) =>
        Earliest(events, match) ?? (match(current) ? now : null);

    private static DateTimeOffset? Earliest(IReadOnlyList<TrackingEvent> events, Func<TrackingStatus, bool> match)
    {
        DateTimeOffset? earliest = null;
        foreach (TrackingEvent e in events)
        {
            if (match(e.Status) && (earliest is null || e.Time < earliest))
            {
                earliest = e.Time;
            }
        }

        return earliest;
    }
}
