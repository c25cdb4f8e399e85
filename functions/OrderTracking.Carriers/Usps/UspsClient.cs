using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderTracking.Carriers.Http;
using OrderTracking.Carriers.Usps.Wire;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Usps;

/// <summary>HTTP to the USPS OAuth v3 and Tracking v3 APIs (carriers.md §1.3). No mapping here.</summary>
internal sealed class UspsClient : IDisposable
{
    private readonly CarrierClientServices _services;
    private readonly UspsOptions _options;
    private readonly Uri _base;
    private readonly OAuthTokenCache _tokens;
    private readonly AuthorizedSender _sender;

    public UspsClient(CarrierClientServices services, IOptions<UspsOptions> options)
    {
        _services = services;
        _options = options.Value;
        _base = CarrierClientServices.AsBase(_options.BaseUrl);
        ILogger logger = services.LoggerFactory.CreateLogger<UspsClient>();
        _tokens = new OAuthTokenCache(services.TimeProvider);
        _sender = new AuthorizedSender(services.CreateExecutor(CarrierCodes.Usps, logger), _tokens, CreateTokenRequest, logger);
    }

    /// <summary><c>GET /tracking/v3/tracking/{n}?expand=DETAIL</c> [S20].</summary>
    public async Task<CarrierHttpReply> TrackAsync(string trackingNumber, CancellationToken cancellationToken)
    {
        HttpClient client = _services.CreateHttpClient();
        HttpResponseMessage response = await _sender.SendAsync(client, token =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, $"tracking/v3/tracking/{Uri.EscapeDataString(trackingNumber)}?expand=DETAIL"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }, idempotent: true, cancellationToken).ConfigureAwait(false);
        return await CarrierHttpReply.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _tokens.Dispose();
    }

    // Client credentials as a JSON body [S21].
    private HttpRequestMessage CreateTokenRequest() =>
        new(HttpMethod.Post, new Uri(_base, "oauth2/v3/token"))
        {
            Content = JsonContent.Create(
                new TokenRequest(_options.ClientId ?? string.Empty, _options.ClientSecret ?? string.Empty, "client_credentials"),
                UspsJsonContext.Default.TokenRequest),
        };
}
