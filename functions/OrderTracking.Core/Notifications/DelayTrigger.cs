namespace OrderTracking.Core.Notifications;

/// <summary>Why <see cref="DelayPolicy"/> considers a shipment delayed.</summary>
public enum DelayTrigger
{
    /// <summary>Not delayed.</summary>
    None,
    /// <summary>The ETA (plus grace) passed without delivery.</summary>
    EtaPassed,
    /// <summary>No new carrier scan for <see cref="DelayOptions.StalledAfter"/>.</summary>
    Stalled,
}
