using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrderTracking.Commerce.PayPal;

/// <summary>
/// OAuth2 client-credentials token for the PayPal REST API (reference §5.1): <c>POST /v1/oauth2/token</c> with HTTP Basic
/// client id:secret and a form body; cached until shortly before <c>expires_in</c>. Singleton; one refresh at a time.
/// </summary>
internal sealed class PayPalAccessTokenProvider : IDisposable
{
    /// <summary>Renew this long before the token's stated expiry, so a token never expires in flight.</summary>
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<PayPalOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public PayPalAccessTokenProvider(IHttpClientFactory httpClientFactory, IOptions<PayPalOptions> options, TimeProvider timeProvider, ILogger<PayPalAccessTokenProvider> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>A valid bearer token; throws <see cref="HttpRequestException"/> when PayPal refuses or cannot be reached.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        string? token = _token;
        if (token is not null && _timeProvider.GetUtcNow() < _renewAt)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && _timeProvider.GetUtcNow() < _renewAt)
            {
                return _token;
            }

            (string fresh, long expiresIn) = await RequestAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan lifetime = TimeSpan.FromSeconds(expiresIn);
            _renewAt = _timeProvider.GetUtcNow() + (lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2);
            _token = fresh;
            PayPalLog.TokenAcquired(_logger, expiresIn);
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> after PayPal answered 401 with it.</summary>
    public void Invalidate(string token)
    {
        if (string.Equals(_token, token, StringComparison.Ordinal))
        {
            _token = null;
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<(string Token, long ExpiresIn)> RequestAsync(CancellationToken cancellationToken)
    {
        PayPalOptions options = _options.Value;
        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            throw new InvalidOperationException("PayPal:ClientId and PayPal:ClientSecret must be configured to call the PayPal API.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.ApiBaseUri, "v1/oauth2/token"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("grant_type", "client_credentials")]);

        HttpClient client = _httpClientFactory.CreateClient(PayPalHttp.ApiClient);
        using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            PayPalLog.ApiCallFailed(_logger, "oauth2/token", (int)response.StatusCode);
            throw new HttpRequestException($"PayPal token request failed with {(int)response.StatusCode}.", null, response.StatusCode);
        }

        PayPalTokenResponse? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), PayPalJsonContext.Default.PayPalTokenResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new HttpRequestException("PayPal token response is not valid JSON.", ex);
        }

        if (string.IsNullOrEmpty(body?.AccessToken) || body.ExpiresIn is not > 0)
        {
            throw new HttpRequestException("PayPal token response lacks access_token or expires_in.");
        }

        return (body.AccessToken, body.ExpiresIn.Value);
    }
}
