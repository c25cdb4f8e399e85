using Microsoft.Extensions.Logging;
using OrderTracking.Carriers.Limits;

namespace OrderTracking.Carriers.Http;

/// <summary>What every carrier client needs, bundled so constructors stay small.</summary>
internal sealed class CarrierClientServices(
    IHttpClientFactory httpClientFactory,
    CarrierBudget budget,
    ICarrierPermits permits,
    CarrierResilienceOptions resilience,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    public const string HttpClientName = "OrderTracking.Carriers";

    public HttpClient CreateHttpClient() => httpClientFactory.CreateClient(HttpClientName);

    public TimeProvider TimeProvider => timeProvider;

    public ILoggerFactory LoggerFactory => loggerFactory;

    public CarrierHttpExecutor CreateExecutor(string carrier, ILogger logger) =>
        new(carrier, budget.For(carrier), permits, resilience, timeProvider, logger);

    /// <summary>A base URL as a directory, so relative paths append to any path prefix it has (local stubs).</summary>
    public static Uri AsBase(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
}
