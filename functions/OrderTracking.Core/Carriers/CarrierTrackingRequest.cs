namespace OrderTracking.Core.Carriers;

/// <summary>One number to track.</summary>
/// <param name="TrackingNumber">The tracking number as registered (normalized: upper case, no spaces).</param>
/// <param name="RegisteredAt">When the shipment was registered with us (the sandbox journey starts here).</param>
public sealed record CarrierTrackingRequest(string TrackingNumber, DateTimeOffset RegisteredAt);
