using System.Collections.Concurrent;
using OrderTracking.Carriers.Http;

namespace OrderTracking.Carriers.Limits;

/// <summary>
/// Permits for one process: a token bucket per carrier at ≈ 87 % of its rate and a UTC-day counter
/// (<see cref="CarrierRateLimiter"/>). Right for a single instance and for tools; the function app replaces it with the
/// shared budget. A 429 hold is left to the caller's cool-down.
/// </summary>
public sealed class LocalCarrierPermits(TimeProvider timeProvider) : ICarrierPermits, IDisposable
{
    private readonly ConcurrentDictionary<string, CarrierRateLimiter> _limiters = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public ValueTask<TimeSpan?> AcquireAsync(string carrier, CarrierLimitsOptions limits, TimeSpan maxWait, CancellationToken cancellationToken) =>
        _limiters.GetOrAdd(carrier, _ => new CarrierRateLimiter(limits, maxWait, timeProvider)).AcquireAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask HoldUntilAsync(string carrier, DateTimeOffset until, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (CarrierRateLimiter limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
