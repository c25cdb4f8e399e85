using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Carriers;

/// <summary>The normalized answer for one tracking number.</summary>
public sealed record CarrierTrackingResult
{
    /// <summary>Found, not found, throttled or failed.</summary>
    public required CarrierResultKind Kind { get; init; }

    /// <summary>Normalized status; <see cref="TrackingStatus.NotFound"/> unless <see cref="Kind"/> is Found.</summary>
    public TrackingStatus Status { get; init; } = TrackingStatus.NotFound;

    /// <summary>Optional reason (see <see cref="TrackingReason"/>).</summary>
    public string? Reason { get; init; }

    /// <summary>True when the carrier itself flags the shipment as delayed.</summary>
    public bool Delayed { get; init; }

    /// <summary>Estimated delivery, if the carrier gives one.</summary>
    public DateTimeOffset? Eta { get; init; }

    /// <summary>Events, newest first.</summary>
    public IReadOnlyList<TrackingEvent> Events { get; init; } = [];

    /// <summary>For <see cref="CarrierResultKind.Throttled"/> (and optionally Failed): how long to back off.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>For <see cref="CarrierResultKind.Failed"/>: a short, secret-free description for logs.</summary>
    public string? Error { get; init; }

    /// <summary>A found result.</summary>
    public static CarrierTrackingResult Found(
        TrackingStatus status, IReadOnlyList<TrackingEvent> events, DateTimeOffset? eta = null, string? reason = null, bool delayed = false) =>
        new() { Kind = CarrierResultKind.Found, Status = status, Events = events, Eta = eta, Reason = reason, Delayed = delayed };

    /// <summary>The carrier does not know the number.</summary>
    public static CarrierTrackingResult NotFound() => new() { Kind = CarrierResultKind.NotFound };

    /// <summary>The carrier throttled the call.</summary>
    public static CarrierTrackingResult Throttled(TimeSpan? retryAfter) =>
        new() { Kind = CarrierResultKind.Throttled, RetryAfter = retryAfter };

    /// <summary>The call waits for budget: not made, to be retried after <paramref name="retryAfter"/>.</summary>
    public static CarrierTrackingResult Deferred(TimeSpan retryAfter) =>
        new() { Kind = CarrierResultKind.Deferred, RetryAfter = retryAfter };

    /// <summary>The call failed.</summary>
    public static CarrierTrackingResult Failed(string error, TimeSpan? retryAfter = null) =>
        new() { Kind = CarrierResultKind.Failed, Error = error, RetryAfter = retryAfter };
}
