using System.Net;
using Microsoft.Extensions.Logging;
using OrderTracking.Carriers.Limits;
using OrderTracking.Core.Carriers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OrderTracking.Carriers.Http;

/// <summary>
/// Sends one carrier's HTTP requests through its resilience pipeline, each attempt (retries included) with a permit
/// from <see cref="ICarrierPermits"/>. The wait for a permit is not part of the attempt's timeout: waiting for budget is
/// not a carrier fault. Returns the response for 2xx/4xx; throws <see cref="CarrierCallException"/> carrying a
/// throttled, failed or deferred result for 429, 5xx, timeouts, transport faults, an open circuit or no permit in time.
/// A 429 holds the carrier's permits until its Retry-After for every caller.
/// </summary>
internal sealed class CarrierHttpExecutor
{
    private readonly ICarrierPermits _permits;
    private readonly CarrierLimitsOptions _limits;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly CarrierResilienceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public CarrierHttpExecutor(
        string carrier, CarrierLimitsOptions limits, ICarrierPermits permits, CarrierResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Carrier = carrier;
        _limits = limits;
        _permits = permits;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _pipeline = CarrierPipeline.Create(options, timeProvider);
    }

    public string Carrier { get; }

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>
    /// Sends through the pipeline. <paramref name="permitted"/> false is for OAuth token requests: they go to the
    /// carrier's identity endpoint, not the quota'd API, once per token lifetime, and must not take a track call's slot.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpClient client, Func<HttpRequestMessage> createRequest, bool idempotent, CancellationToken cancellationToken, bool permitted = true)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CarrierPipeline.Idempotent, idempotent);
        try
        {
            Outcome<HttpResponseMessage> outcome = await _pipeline.ExecuteOutcomeAsync(
                static (ctx, state) => state.Self.AttemptAsync(state.Client, state.CreateRequest, state.Permitted, ctx.CancellationToken),
                context,
                (Self: this, Client: client, CreateRequest: createRequest, Permitted: permitted)).ConfigureAwait(false);
            return Check(outcome, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(
        HttpClient client, Func<HttpRequestMessage> createRequest, bool permitted, CancellationToken cancellationToken)
    {
        try
        {
            if (permitted && await _permits.AcquireAsync(Carrier, _limits, _options.MaxLimiterWait, cancellationToken).ConfigureAwait(false) is TimeSpan wait)
            {
                return Outcome.FromException<HttpResponseMessage>(new CarrierRateLimitedException(wait));
            }

            // The attempt's timeout starts once the permit is held: only the carrier's own time counts.
            using var attempt = new CancellationTokenSource(_options.AttemptTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
            using HttpRequestMessage request = createRequest();
            try
            {
                HttpResponseMessage response = await client.SendAsync(request, linked.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    TimeSpan hold = RetryAfterHeader.Read(response, _timeProvider.GetUtcNow()) ?? _options.DefaultThrottle;
                    await _permits.HoldUntilAsync(Carrier, _timeProvider.GetUtcNow() + hold, cancellationToken).ConfigureAwait(false);
                }

                return Outcome.FromResult(response);
            }
            catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException($"The carrier did not answer within {_options.AttemptTimeout}."));
            }
        }
        catch (HttpRequestException ex)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
        catch (OperationCanceledException ex)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    private HttpResponseMessage Check(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        CarrierTrackingResult? failure = outcome.Exception switch
        {
            null => null,
            OperationCanceledException when cancellationToken.IsCancellationRequested => throw outcome.Exception,
            CarrierRateLimitedException limited => CarrierTrackingResult.Deferred(limited.RetryAfter),
            BrokenCircuitException broken => CarrierTrackingResult.Failed("circuit open", broken.RetryAfter ?? _options.BreakDuration),
            TimeoutRejectedException => CarrierTrackingResult.Failed("timeout"),
            OperationCanceledException => CarrierTrackingResult.Failed("timeout"),
            HttpRequestException http => CarrierTrackingResult.Failed($"transport: {http.HttpRequestError}"),
            _ => CarrierTrackingResult.Failed($"unexpected: {outcome.Exception.GetType().Name}"),
        };
        if (failure is not null)
        {
            CarrierLog.CallEnded(_logger, Carrier, failure.Kind, failure.Error);
            throw new CarrierCallException(failure);
        }

        HttpResponseMessage response = outcome.Result!;
        if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            TimeSpan? retryAfter = RetryAfterHeader.Read(response, _timeProvider.GetUtcNow());
            int status = (int)response.StatusCode;
            response.Dispose();
            CarrierTrackingResult result = status == 429
                ? CarrierTrackingResult.Throttled(retryAfter ?? _options.DefaultThrottle)
                : CarrierTrackingResult.Failed($"HTTP {status}", retryAfter);
            CarrierLog.CallEnded(_logger, Carrier, result.Kind, result.Error);
            throw new CarrierCallException(result);
        }

        return response;
    }
}
