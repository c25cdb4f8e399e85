namespace OrderTracking.Carriers.Limits;

/// <summary>
/// Where a carrier request gets its permit: one per HTTP attempt, retries included. The default
/// (<see cref="LocalCarrierPermits"/>) limits one process; the function app registers one backed by the shared
/// <c>CarrierState</c> table, so a carrier's published limit holds for every instance together.
/// </summary>
public interface ICarrierPermits
{
    /// <summary>
    /// Waits up to <paramref name="maxWait"/> for a permit to send one request to <paramref name="carrier"/> within
    /// <paramref name="limits"/>. Null when granted (the caller may send now); otherwise how long until one could be,
    /// with nothing taken.
    /// </summary>
    ValueTask<TimeSpan?> AcquireAsync(string carrier, CarrierLimitsOptions limits, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>The carrier answered 429: no permit is granted before <paramref name="until"/>.</summary>
    ValueTask HoldUntilAsync(string carrier, DateTimeOffset until, CancellationToken cancellationToken);
}
