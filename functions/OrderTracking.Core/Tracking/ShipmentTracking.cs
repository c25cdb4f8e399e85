namespace OrderTracking.Core.Tracking;

/// <summary>The normalized tracking state of one shipment, as stored and served.</summary>
public sealed record ShipmentTracking
{
    /// <summary>Current status.</summary>
    public TrackingStatus Status { get; init; } = TrackingStatus.NotFound;

    /// <summary>Optional reason (see <see cref="TrackingReason"/>).</summary>
    public string? Reason { get; init; }

    /// <summary>Carrier-flagged or detected delay.</summary>
    public bool Delayed { get; init; }

    /// <summary>Estimated delivery.</summary>
    public DateTimeOffset? Eta { get; init; }

    /// <summary>Events, newest first, capped (see <see cref="TrackingMerger.MaxEvents"/>).</summary>
    public IReadOnlyList<TrackingEvent> Events { get; init; } = [];

    /// <summary>Time of the newest carrier event, if any.</summary>
    public DateTimeOffset? LastEventAt { get; init; }

    /// <summary>When this state last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}
