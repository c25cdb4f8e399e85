using OrderTracking.Core.Carriers;

namespace OrderTracking.Core.Tracking;

/// <summary>
/// Merges a carrier's answer into the stored state (DESIGN §6): terminal statuses never regress, a stale answer
/// (older than what we already have) never moves the status, ETA updates are not status changes, events are
/// de-duplicated and kept newest first.
/// </summary>
public static class TrackingMerger
{
    /// <summary>How many events a shipment keeps (table property size stays far below 64 KiB).</summary>
    public const int MaxEvents = 50;

    /// <summary>Merges <paramref name="result"/> into <paramref name="current"/> at <paramref name="now"/>.</summary>
    public static MergeOutcome Merge(ShipmentTracking current, CarrierTrackingResult result, DateTimeOffset now)
    {
        if (result.Kind != CarrierResultKind.Found)
        {
            // Not found keeps whatever we knew; throttled/failed answers change nothing.
            return new MergeOutcome(current, current.Status, Changed: false);
        }

        List<TrackingEvent> events = MergeEvents(current.Events, result.Events);
        DateTimeOffset? lastEventAt = events.Count > 0 ? events[0].Time : current.LastEventAt;
        DateTimeOffset? incomingNewest = result.Events.Count > 0 ? result.Events.Max(e => e.Time) : null;
        bool stale = incomingNewest is { } n && current.LastEventAt is { } known && n < known;

        TrackingStatus status = NextStatus(current.Status, result.Status, stale);
        ShipmentTracking merged = current with
        {
            Status = status,
            Reason = status == result.Status ? result.Reason : current.Reason,
            Delayed = status.IsTerminal() ? false : result.Delayed,
            Eta = status == TrackingStatus.Delivered ? current.Eta : result.Eta ?? current.Eta,
            Events = events,
            LastEventAt = lastEventAt,
        };

        bool changed = merged.Status != current.Status || merged.Reason != current.Reason || merged.Delayed != current.Delayed
            || merged.Eta != current.Eta || !SameEvents(merged.Events, current.Events);
        return new MergeOutcome(changed ? merged with { UpdatedAt = now } : current, current.Status, changed);
    }

    private static TrackingStatus NextStatus(TrackingStatus current, TrackingStatus incoming, bool stale)
    {
        if (current.IsTerminal() || stale)
        {
            return current;
        }

        // A code we cannot map never hides a status we know.
        if (incoming == TrackingStatus.Unknown && current != TrackingStatus.NotFound)
        {
            return current;
        }

        return incoming;
    }

    private static List<TrackingEvent> MergeEvents(IReadOnlyList<TrackingEvent> known, IReadOnlyList<TrackingEvent> incoming)
    {
        var seen = new HashSet<(DateTimeOffset, string, string?)>();
        var all = new List<TrackingEvent>(known.Count + incoming.Count);
        foreach (TrackingEvent e in incoming.Concat(known))
        {
            if (seen.Add((e.Time, e.Description, e.RawCode)))
            {
                all.Add(e);
            }
        }

        all.Sort((a, b) => b.Time.CompareTo(a.Time));
        if (all.Count > MaxEvents)
        {
            all.RemoveRange(MaxEvents, all.Count - MaxEvents);
        }

        return all;
    }

    private static bool SameEvents(IReadOnlyList<TrackingEvent> a, IReadOnlyList<TrackingEvent> b) =>
        a.Count == b.Count && a.SequenceEqual(b);
}
