using OrderTracking.Core.Notifications;

namespace OrderTracking.Functions.Notifications;

/// <summary>Notification settings. Configuration section <c>Notifications</c>.</summary>
internal sealed class NotificationOptions
{
    /// <summary>In transit without a new scan for this long counts as delayed. Default 3 days.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long after the ETA a shipment counts as late. Default 1 day.</summary>
    public TimeSpan EtaGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The thresholds as <see cref="DelayPolicy"/> takes them.</summary>
    public DelayOptions Delay => new() { StalledAfter = StalledAfter, EtaGrace = EtaGrace };

    /// <summary>Lifetime of the read token in email links. Default 90 days.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(90);
}
