using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrderTracking.Commerce.PayPal;

/// <summary>
/// The postback alternative (reference §5.3): <c>POST /v1/notifications/verify-webhook-signature</c> with the headers,
/// the configured webhook id and the received body embedded verbatim as <c>webhook_event</c>.
/// </summary>
internal sealed class PayPalVerificationApiClient
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<PayPalOptions> _options;
    private readonly PayPalAccessTokenProvider _tokens;
    private readonly ILogger _logger;

    public PayPalVerificationApiClient(IHttpClientFactory httpClientFactory, IOptions<PayPalOptions> options, PayPalAccessTokenProvider tokens, ILogger<PayPalVerificationApiClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _tokens = tokens;
        _logger = logger;
    }

    public async Task<WebhookVerificationResult> VerifyAsync(PayPalWebhookHeaders headers, string webhookId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = BuildBody(headers, webhookId, payload.Span);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return WebhookVerificationResult.InvalidSignature; // not JSON: PayPal never signed it
        }

        try
        {
            for (int attempt = 0; ; attempt++)
            {
                string token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Value.ApiBaseUri, "v1/notifications/verify-webhook-signature"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using HttpResponseMessage response = await _httpClientFactory.CreateClient(PayPalHttp.ApiClient).SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                {
                    _tokens.Invalidate(token);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    PayPalLog.ApiCallFailed(_logger, "verify-webhook-signature", (int)response.StatusCode);
                    return (int)response.StatusCode is >= 400 and < 500 and not 429 ? WebhookVerificationResult.InvalidSignature : WebhookVerificationResult.VerificationUnavailable;
                }

                using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                PayPalVerifyResponse? result = await JsonSerializer.DeserializeAsync(stream, PayPalJsonContext.Default.PayPalVerifyResponse, cancellationToken).ConfigureAwait(false);
                return string.Equals(result?.VerificationStatus, "SUCCESS", StringComparison.Ordinal) ? WebhookVerificationResult.Valid : WebhookVerificationResult.InvalidSignature;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            PayPalLog.ApiCallFailed(_logger, "verify-webhook-signature", 0);
            return WebhookVerificationResult.VerificationUnavailable;
        }
    }

    private static byte[] BuildBody(PayPalWebhookHeaders headers, string webhookId, ReadOnlySpan<byte> payload)
    {
        using var buffer = new MemoryStream(payload.Length + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("auth_algo", headers.AuthAlgorithm);
            writer.WriteString("cert_url", headers.CertUrl);
            writer.WriteString("transmission_id", headers.TransmissionId);
            writer.WriteString("transmission_sig", headers.TransmissionSignature);
            writer.WriteString("transmission_time", headers.TransmissionTime);
            writer.WriteString("webhook_id", webhookId);
            writer.WritePropertyName("webhook_event");
            writer.WriteRawValue(payload, skipInputValidation: false); // verbatim, never re-serialized (§5.3)
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
