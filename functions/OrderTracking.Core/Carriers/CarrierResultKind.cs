namespace OrderTracking.Core.Carriers;

/// <summary>What a carrier said about one number.</summary>
public enum CarrierResultKind
{
    /// <summary>The carrier knows the number; status and events are set.</summary>
    Found,
    /// <summary>The carrier does not know the number (a result, not a fault).</summary>
    NotFound,
    /// <summary>The carrier throttled us; <see cref="CarrierTrackingResult.RetryAfter"/> says how long to wait.</summary>
    Throttled,
    /// <summary>The call failed (network, 5xx, malformed response, bad credentials).</summary>
    Failed,
    /// <summary>
    /// The call was not made: the app's budget for the carrier had no room in time. Neither a failure nor a 429: the
    /// shipment is polled again after <see cref="CarrierTrackingResult.RetryAfter"/>, with no back-off and no cool-down.
    /// </summary>
    Deferred,
}
