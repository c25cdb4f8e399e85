namespace OrderTracking.Core.Notifications;

/// <summary>Thresholds of <see cref="DelayPolicy"/>.</summary>
public sealed record DelayOptions
{
    /// <summary>A shipment in transit with no new scan for this long is stalled. Default 3 days.</summary>
    public TimeSpan StalledAfter { get; init; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How long after the ETA instant a shipment counts as late. Default 1 day, because carriers usually give a date
    /// (midnight) rather than a time, and a parcel due "on the 24th" is not late until the 24th is over.
    /// </summary>
    public TimeSpan EtaGrace { get; init; } = TimeSpan.FromDays(1);
}
