namespace OrderTracking.Core.Kpis;

/// <summary>
/// What a shipment's journey has shown so far, kept on its row for the KPIs (issue 14). Times are the carrier's event
/// times (with its offset) where a carrier event marks the moment, otherwise the time the app first saw it.
/// Each is set once and never moved, except <see cref="LatestEta"/>.
/// </summary>
public sealed record ShipmentFacts
{
    /// <summary>The first delivery promise the carrier gave.</summary>
    public DateTimeOffset? FirstEta { get; init; }

    /// <summary>The latest delivery promise.</summary>
    public DateTimeOffset? LatestEta { get; init; }

    /// <summary>When a poll first found carrier events (any, a label included): the "carrier update" of coverage.</summary>
    public DateTimeOffset? FirstUpdateAt { get; init; }

    /// <summary>The first physical carrier scan (see <see cref="Notifications.MilestonePolicy.IsCarrierScan"/>).</summary>
    public DateTimeOffset? FirstScanAt { get; init; }

    /// <summary>First seen out for delivery.</summary>
    public DateTimeOffset? OutForDeliveryAt { get; init; }

    /// <summary>Delivered.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>The first exception or failed delivery attempt.</summary>
    public DateTimeOffset? FirstExceptionAt { get; init; }

    /// <summary>Returned to the sender.</summary>
    public DateTimeOffset? ReturnedAt { get; init; }

    /// <summary>Polls whose answer changed what the customer sees (a new event, status, ETA or delay).</summary>
    public int CarrierUpdates { get; init; }

    /// <summary>True when none of the facts is known yet.</summary>
    public bool IsEmpty => this == Empty;

    /// <summary>No facts.</summary>
    public static ShipmentFacts Empty { get; } = new();
}
