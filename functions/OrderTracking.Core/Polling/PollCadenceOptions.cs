namespace OrderTracking.Core.Polling;

/// <summary>Adaptive polling cadence (DESIGN §7). Bound from configuration section <c>Polling</c>.</summary>
public sealed class PollCadenceOptions
{
    /// <summary>Out for delivery. Default 25 minutes.</summary>
    public TimeSpan OutForDelivery { get; set; } = TimeSpan.FromMinutes(25);

    /// <summary>From <see cref="EtaDayStart"/> on the ETA's day (or once it has passed). Default 1 hour.</summary>
    public TimeSpan EtaToday { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The time of day, in the ETA's own offset (the carrier's local time), from which the ETA day's cadence applies.
    /// A shipment polled sparsely in transit is polled at this time on its ETA day at the latest, so the day's
    /// out-for-delivery scan is not slept through. Default 05:00.
    /// </summary>
    public TimeSpan EtaDayStart { get; set; } = TimeSpan.FromHours(5);

    /// <summary>In transit and other active statuses. Default 3 hours.</summary>
    public TimeSpan InTransit { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Label created, not yet scanned. Default 6 hours.</summary>
    public TimeSpan LabelCreated { get; set; } = TimeSpan.FromHours(6);

    /// <summary>First back-off for "not found"; doubles per miss up to <see cref="NotFoundMax"/>. Default 1 hour.</summary>
    public TimeSpan NotFoundInitial { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest "not found" back-off. Default 24 hours.</summary>
    public TimeSpan NotFoundMax { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After delivery: one confirmation poll this much later, then stop. Default 24 hours.</summary>
    public TimeSpan DeliveredConfirmation { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Stop (status expired) after this long without any carrier event. Default 30 days.</summary>
    public TimeSpan ExpireAfterSilence { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Relative jitter applied to every due time (0.1 = ±10 %). Default 0.1.</summary>
    public double Jitter { get; set; } = 0.1;

    /// <summary>Shortest interval ever returned (protects carriers from tight loops). Default 1 second.</summary>
    public TimeSpan Minimum { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Optional override for every interval (local demos and tests use a few seconds). Default none.</summary>
    public TimeSpan? Fixed { get; set; }
}
