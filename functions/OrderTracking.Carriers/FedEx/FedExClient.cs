using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderTracking.Carriers.FedEx.Wire;
using OrderTracking.Carriers.Http;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.FedEx;

/// <summary>HTTP to the FedEx OAuth and Track APIs (carriers.md §1.2). No mapping here.</summary>
internal sealed class FedExClient : IDisposable
{
    private readonly CarrierClientServices _services;
    private readonly FedExOptions _options;
    private readonly Uri _base;
    private readonly OAuthTokenCache _tokens;
    private readonly AuthorizedSender _sender;

    public FedExClient(CarrierClientServices services, IOptions<FedExOptions> options)
    {
        _services = services;
        _options = options.Value;
        _base = CarrierClientServices.AsBase(_options.BaseUrl);
        ILogger logger = services.LoggerFactory.CreateLogger<FedExClient>();
        _tokens = new OAuthTokenCache(services.TimeProvider);
        _sender = new AuthorizedSender(services.CreateExecutor(CarrierCodes.FedEx, logger), _tokens, CreateTokenRequest, logger);
    }

    /// <summary>
    /// <c>POST /track/v1/trackingnumbers</c> with up to 30 numbers [S10]. A read with no side effect, so it is retried
    /// like an idempotent call.
    /// </summary>
    public async Task<CarrierHttpReply> TrackAsync(IReadOnlyList<string> trackingNumbers, CancellationToken cancellationToken)
    {
        var body = new TrackingNumbersRequest(true, [.. trackingNumbers.Select(n => new TrackingInfo(new TrackingNumberInfo(n)))]);
        HttpClient client = _services.CreateHttpClient();
        HttpResponseMessage response = await _sender.SendAsync(client, token => CreateTrackRequest(body, token), idempotent: true, cancellationToken)
            .ConfigureAwait(false);
        return await CarrierHttpReply.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _tokens.Dispose();
    }

    private HttpRequestMessage CreateTrackRequest(TrackingNumbersRequest body, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "track/v1/trackingnumbers"))
        {
            Content = JsonContent.Create(body, FedExJsonContext.Default.TrackingNumbersRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("x-locale", _options.Locale);
        return request;
    }

    // Client credentials in the form body [S13][S15].
    private HttpRequestMessage CreateTokenRequest() =>
        new(HttpMethod.Post, new Uri(_base, "oauth/token"))
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", _options.ClientId ?? string.Empty),
                new("client_secret", _options.ClientSecret ?? string.Empty),
            ]),
        };
}
