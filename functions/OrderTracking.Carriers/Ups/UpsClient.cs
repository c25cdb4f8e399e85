using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderTracking.Carriers.Http;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Ups;

/// <summary>HTTP to the UPS OAuth and Track APIs (carriers.md §1.1). No mapping here.</summary>
internal sealed class UpsClient : IDisposable
{
    private readonly CarrierClientServices _services;
    private readonly UpsOptions _options;
    private readonly Uri _base;
    private readonly OAuthTokenCache _tokens;
    private readonly AuthorizedSender _sender;

    public UpsClient(CarrierClientServices services, IOptions<UpsOptions> options)
    {
        _services = services;
        _options = options.Value;
        _base = CarrierClientServices.AsBase(_options.BaseUrl);
        ILogger logger = services.LoggerFactory.CreateLogger<UpsClient>();
        _tokens = new OAuthTokenCache(services.TimeProvider);
        _sender = new AuthorizedSender(services.CreateExecutor(CarrierCodes.Ups, logger), _tokens, CreateTokenRequest, logger);
    }

    /// <summary><c>GET /api/track/v1/details/{inquiryNumber}</c>, one number per call [S1].</summary>
    public async Task<CarrierHttpReply> TrackAsync(string trackingNumber, CancellationToken cancellationToken)
    {
        HttpClient client = _services.CreateHttpClient();
        HttpResponseMessage response = await _sender.SendAsync(client, token => CreateTrackRequest(trackingNumber, token), idempotent: true, cancellationToken)
            .ConfigureAwait(false);
        return await CarrierHttpReply.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _tokens.Dispose();
    }

    private HttpRequestMessage CreateTrackRequest(string trackingNumber, string accessToken)
    {
        string path = string.Create(CultureInfo.InvariantCulture,
            $"api/track/v1/details/{Uri.EscapeDataString(trackingNumber)}?locale={Uri.EscapeDataString(_options.Locale)}&returnSignature=false&returnMilestones=false&returnPOD=false");
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("transId", Guid.NewGuid().ToString("N"));
        request.Headers.Add("transactionSrc", _options.TransactionSource);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    // Client credentials as HTTP Basic + form grant_type [S2].
    private HttpRequestMessage CreateTokenRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "security/v1/oauth/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.ClientId}:{_options.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        return request;
    }
}
