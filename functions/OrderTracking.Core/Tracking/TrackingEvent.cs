namespace OrderTracking.Core.Tracking;

/// <summary>One carrier scan, normalized.</summary>
/// <param name="Time">When it happened, with the carrier's local offset when the carrier gives one.</param>
/// <param name="Status">The normalized status this event implies.</param>
/// <param name="Description">The carrier's human-readable text.</param>
/// <param name="City">City, if known.</param>
/// <param name="Region">State / province / region code, if known.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code, if known.</param>
/// <param name="RawCode">The carrier's own status code, kept for diagnosis.</param>
public sealed record TrackingEvent(
    DateTimeOffset Time,
    TrackingStatus Status,
    string Description,
    string? City = null,
    string? Region = null,
    string? Country = null,
    string? RawCode = null);
