namespace OrderTracking.Carriers.Http;

/// <summary>Raised inside the pipeline when no permit came in time; never retried, never counted as a failure (a deferral).</summary>
internal sealed class CarrierRateLimitedException : Exception
{
    public CarrierRateLimitedException(TimeSpan retryAfter)
        : base($"Local rate limit; retry after {retryAfter}.") => RetryAfter = retryAfter;

    public CarrierRateLimitedException()
    {
    }

    public CarrierRateLimitedException(string message)
        : base(message)
    {
    }

    public CarrierRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TimeSpan RetryAfter { get; }
}
