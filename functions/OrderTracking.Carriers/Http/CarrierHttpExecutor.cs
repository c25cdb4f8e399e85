using System.Net;
using Microsoft.Extensions.Logging;
using OrderTracking.Carriers.Limits;
using OrderTracking.Core.Carriers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OrderTracking.Carriers.Http;

/// <summary>
/// Sends one carrier's HTTP requests through its local limiter (a permit per attempt) and its resilience pipeline.
/// Returns the response for 2xx/4xx; throws <see cref="CarrierCallException"/> carrying a throttled or failed result
/// for 429, 5xx, timeouts, transport faults, an open circuit or the local limiter refusing.
/// </summary>
internal sealed class CarrierHttpExecutor : IDisposable
{
    private readonly CarrierRateLimiter _limiter;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly CarrierResilienceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public CarrierHttpExecutor(
        string carrier, CarrierLimitsOptions limits, CarrierResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Carrier = carrier;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _limiter = new CarrierRateLimiter(limits, options.MaxLimiterWait, timeProvider);
        _pipeline = CarrierPipeline.Create(options, timeProvider);
    }

    public string Carrier { get; }

    public TimeProvider TimeProvider => _timeProvider;

    public async Task<HttpResponseMessage> SendAsync(
        HttpClient client, Func<HttpRequestMessage> createRequest, bool idempotent, CancellationToken cancellationToken)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CarrierPipeline.Idempotent, idempotent);
        try
        {
            Outcome<HttpResponseMessage> outcome = await _pipeline.ExecuteOutcomeAsync(
                static (ctx, state) => state.Self.AttemptAsync(state.Client, state.CreateRequest, ctx.CancellationToken),
                context,
                (Self: this, Client: client, CreateRequest: createRequest)).ConfigureAwait(false);
            return Check(outcome, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _limiter.Dispose();

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(
        HttpClient client, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        try
        {
            if (await _limiter.AcquireAsync(cancellationToken).ConfigureAwait(false) is TimeSpan wait)
            {
                return Outcome.FromException<HttpResponseMessage>(new CarrierRateLimitedException(wait));
            }

            using HttpRequestMessage request = createRequest();
            return Outcome.FromResult(await client.SendAsync(request, cancellationToken).ConfigureAwait(false));
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
            CarrierRateLimitedException limited => CarrierTrackingResult.Throttled(limited.RetryAfter),
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
