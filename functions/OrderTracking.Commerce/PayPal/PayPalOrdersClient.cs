using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrderTracking.Commerce.PayPal;

/// <summary>Orders v2 reads: <c>GET /v2/checkout/orders/{id}</c> with a cached bearer token (reference §6).</summary>
internal sealed class PayPalOrdersClient
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<PayPalOptions> _options;
    private readonly PayPalAccessTokenProvider _tokens;
    private readonly ILogger _logger;

    public PayPalOrdersClient(IHttpClientFactory httpClientFactory, IOptions<PayPalOptions> options, PayPalAccessTokenProvider tokens, ILogger<PayPalOrdersClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _tokens = tokens;
        _logger = logger;
    }

    /// <summary>
    /// The order, or null when PayPal answers 404. Other failures throw <see cref="HttpRequestException"/> so a queue
    /// consumer retries; a 401 renews the token once.
    /// </summary>
    public async Task<PayPalResource?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var url = new Uri(_options.Value.ApiBaseUri, "v2/checkout/orders/" + Uri.EscapeDataString(orderId));
        for (int attempt = 0; ; attempt++)
        {
            string token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            HttpClient client = _httpClientFactory.CreateClient(PayPalHttp.ApiClient);
            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _tokens.Invalidate(token);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                PayPalLog.ApiCallFailed(_logger, "orders/get", (int)response.StatusCode);
                throw new HttpRequestException($"PayPal order lookup failed with {(int)response.StatusCode}.", null, response.StatusCode);
            }

            try
            {
                using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return await JsonSerializer.DeserializeAsync(stream, PayPalJsonContext.Default.PayPalResource, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new HttpRequestException("PayPal order response is not valid JSON.", ex);
            }
        }
    }
}
