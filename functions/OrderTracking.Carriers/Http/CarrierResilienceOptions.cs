namespace OrderTracking.Carriers.Http;

/// <summary>Resilience settings of one carrier's pipeline (the defaults suit every carrier).</summary>
internal sealed class CarrierResilienceOptions
{
    /// <summary>Timeout of one HTTP attempt. Default 15 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after the first attempt, idempotent calls only. Default 2.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Base of the exponential, jittered backoff when the carrier sends no Retry-After. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest Retry-After honoured in-call; a longer one ends the call as throttled. Default 10 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the limiter may queue a call before giving up as throttled. Default 30 s.</summary>
    public TimeSpan MaxLimiterWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Back-off reported for a 429 without Retry-After. Default 60 s.</summary>
    public TimeSpan DefaultThrottle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Circuit breaker: failure ratio that opens it. Default 0.5.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Circuit breaker: calls in the sampling window before it may open. Default 10.</summary>
    public int MinimumThroughput { get; init; } = 10;

    /// <summary>Circuit breaker: sampling window. Default 60 s.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Circuit breaker: how long it stays open. Default 30 s.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}
