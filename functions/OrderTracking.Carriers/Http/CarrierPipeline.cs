using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OrderTracking.Carriers.Http;

/// <summary>
/// The one retry layer of a carrier call path (DESIGN §7): retry (idempotent calls only; jittered exponential backoff,
/// or the carrier's Retry-After when it is short) → circuit breaker. The per-attempt timeout is the executor's, started
/// once the attempt holds its permit, so a wait for budget is never a timeout.
/// </summary>
internal static class CarrierPipeline
{
    /// <summary>Context flag: the call may be repeated safely.</summary>
    public static readonly ResiliencePropertyKey<bool> Idempotent = new("OrderTracking.Carriers.Idempotent");

    public static ResiliencePipeline<HttpResponseMessage> Create(CarrierResilienceOptions options, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(
                    options.MaxRetries > 0 && args.Context.Properties.GetValue(Idempotent, false) &&
                    IsRetryable(args.Outcome, options, timeProvider)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterHeader.Read(args.Outcome.Result, timeProvider.GetUtcNow())),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = Math.Max(2, options.MinimumThroughput),
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsFault(args.Outcome)),
            })
            .Build();

    /// <summary>Server errors and transport faults count against the breaker; 429 and 4xx do not (the carrier is up).</summary>
    internal static bool IsFault(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException ||
        (outcome.Result is { } response && (int)response.StatusCode >= 500);

    internal static bool IsRetryable(Outcome<HttpResponseMessage> outcome, CarrierResilienceOptions options, TimeProvider timeProvider)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        HttpResponseMessage? response = outcome.Result;
        if (response is null || !(response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout ||
                                  (int)response.StatusCode >= 500))
        {
            return false;
        }

        // A long Retry-After is the scheduler's to honour (cool-down), not a reason to hold this call open.
        TimeSpan? retryAfter = RetryAfterHeader.Read(response, timeProvider.GetUtcNow());
        return retryAfter is null || retryAfter <= options.MaxRetryAfter;
    }
}
