using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Notifications;

/// <summary>What <see cref="DelayPolicy"/> needs to know about one shipment (all from its stored row).</summary>
/// <param name="Status">The current normalized status.</param>
/// <param name="LastEventTime">Time of the newest carrier event, if any.</param>
/// <param name="Eta">The carrier's estimated delivery, if known.</param>
/// <param name="WasDelayed">The shipment's stored <c>delayed</c> flag (DESIGN §6) before this evaluation.</param>
public sealed record DelayInput(TrackingStatus Status, DateTimeOffset? LastEventTime, DateTimeOffset? Eta, bool WasDelayed);
