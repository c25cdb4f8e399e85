using System.Threading.RateLimiting;
using OrderTracking.Carriers.Limits;

namespace OrderTracking.Carriers.Http;

/// <summary>
/// The local limiter of one carrier: a token bucket for the per-second rate (callers wait in a queue up to a
/// bound) and a UTC-day counter for the daily cap. Per instance; the cross-instance cool-down is the scheduler's.
/// </summary>
internal sealed class CarrierRateLimiter : IDisposable
{
    // The bucket runs at CarrierLimitsOptions.SafetyFactor (≈ 87 %) of the published rate.
    internal const double SafetyFactor = CarrierLimitsOptions.SafetyFactor;

    private readonly TokenBucketRateLimiter _bucket;
    private readonly int _perDay;
    private readonly TimeSpan _maxWait;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _dayLock = new();
    private DateOnly _day;
    private int _usedToday;

    public CarrierRateLimiter(CarrierLimitsOptions limits, TimeSpan maxWait, TimeProvider timeProvider)
    {
        BucketOptions = CreateBucketOptions(limits.RequestsPerSecond);
        _bucket = new TokenBucketRateLimiter(BucketOptions);
        _perDay = limits.RequestsPerDay;
        _maxWait = maxWait;
        _timeProvider = timeProvider;
    }

    public TokenBucketRateLimiterOptions BucketOptions { get; }

    /// <summary>Bucket shape: at most rps/50 tokens per refill (≥ 1), refilled at ≈ 87 % of the rate, no extra burst.</summary>
    internal static TokenBucketRateLimiterOptions CreateBucketOptions(double requestsPerSecond)
    {
        int tokensPerPeriod = Math.Max(1, (int)Math.Floor(requestsPerSecond / 50));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokensPerPeriod,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / (requestsPerSecond * SafetyFactor)),
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    /// <summary>Waits for a permit. Null when granted; otherwise how long to back off (daily cap reached or waited too long).</summary>
    public async ValueTask<TimeSpan?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (TryTakeDaily() is TimeSpan untilReset)
        {
            return untilReset;
        }

        using var waitLimit = new CancellationTokenSource(_maxWait, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, waitLimit.Token);
        try
        {
            using RateLimitLease lease = await _bucket.AcquireAsync(1, linked.Token).ConfigureAwait(false);
            if (lease.IsAcquired)
            {
                return null;
            }

            ReturnDaily();
            return lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter) ? retryAfter : BucketOptions.ReplenishmentPeriod;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ReturnDaily();
            return _maxWait;
        }
    }

    public void Dispose() => _bucket.Dispose();

    private TimeSpan? TryTakeDaily()
    {
        if (_perDay <= 0)
        {
            return null;
        }

        DateTimeOffset now = _timeProvider.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        lock (_dayLock)
        {
            if (today != _day)
            {
                _day = today;
                _usedToday = 0;
            }

            if (_usedToday >= _perDay)
            {
                // Published daily quotas reset at 24:00 GMT (DHL, FedEx: carriers.md §1.2, §1.4).
                return new DateTimeOffset(today.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero) - now;
            }

            _usedToday++;
            return null;
        }
    }

    private void ReturnDaily()
    {
        if (_perDay <= 0)
        {
            return;
        }

        lock (_dayLock)
        {
            _usedToday = Math.Max(0, _usedToday - 1);
        }
    }
}
