using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Commerce.Stripe;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Webhooks;

/// <summary>
/// <c>StripeWebhook</c>, <c>ShopifyWebhook</c>, <c>PayPalWebhook</c>: HTTP-only functions, so the host forwards the
/// raw request and signatures are checked over the exact bytes (DESIGN §2, §12). Fail closed: no secret, no entry.
/// </summary>
internal static partial class WebhookEndpoints
{
    /// <summary>A queue message holds 48 KiB of text once Base64-encoded; PayPal bodies travel raw (docs/architecture.md).</summary>
    private const int MaxRawQueuedBytes = 45 * 1024;

    internal static async Task<IResult> HandleShopifyAsync(
        HttpContext http, IOptions<ShopifyOptions> options, WebhookPipeline pipeline, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        (byte[]? body, IResult? error) = await RequestBody.ReadJsonAsync(http.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        WebhookVerificationResult verified = ShopifySignatureVerifier.Verify(body, http.Request.Headers["X-Shopify-Hmac-Sha256"], options.Value.WebhookSecrets);
        if (verified != WebhookVerificationResult.Valid)
        {
            return Rejected(loggers, OrderSources.Shopify, verified);
        }

        string? topic = http.Request.Headers["X-Shopify-Topic"];
        if (string.IsNullOrEmpty(topic))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Missing topic", "X-Shopify-Topic is required.");
        }

        WebhookParseResult parsed = ShopifyEventParser.Parse(topic, http.Request.Headers["X-Shopify-Webhook-Id"], body);
        return await pipeline.AcceptAsync(http, OrderSources.Shopify, parsed, () => pipeline.EnqueueAsync(parsed.Event!, cancellationToken), cancellationToken);
    }

    internal static async Task<IResult> HandleStripeAsync(
        HttpContext http, IOptions<StripeOptions> options, WebhookPipeline pipeline, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        (byte[]? body, IResult? error) = await RequestBody.ReadJsonAsync(http.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        WebhookVerificationResult verified = StripeSignatureVerifier.Verify(
            body, http.Request.Headers["Stripe-Signature"], options.Value.WebhookSecrets, time.GetUtcNow(), TimeSpan.FromSeconds(options.Value.SignatureToleranceSeconds));
        if (verified != WebhookVerificationResult.Valid)
        {
            return Rejected(loggers, OrderSources.Stripe, verified);
        }

        WebhookParseResult parsed = StripeEventParser.Parse(body);
        return await pipeline.AcceptAsync(http, OrderSources.Stripe, parsed, () => pipeline.EnqueueAsync(parsed.Event!, cancellationToken), cancellationToken);
    }

    internal static async Task<IResult> HandlePayPalAsync(
        HttpContext http, PayPalWebhookVerifier verifier, WebhookPipeline pipeline, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        (byte[]? body, IResult? error) = await RequestBody.ReadJsonAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return error!;
        }

        PayPalWebhookHeaders headers = PayPalWebhookHeaders.From(name => http.Request.Headers[name]);
        WebhookVerificationResult verified = await verifier.VerifyAsync(headers, body, cancellationToken);
        if (verified == WebhookVerificationResult.VerificationUnavailable)
        {
            // PayPal's certificate or verification API could not be reached: let PayPal retry rather than reject.
            return Problems.StorageUnavailable(http);
        }

        if (verified != WebhookVerificationResult.Valid)
        {
            return Rejected(loggers, OrderSources.PayPal, verified);
        }

        WebhookParseResult envelope = PeekPayPalEnvelope(body);
        if (envelope.Outcome == WebhookParseOutcome.Parsed && body.Length > MaxRawQueuedBytes)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"PayPal events over {MaxRawQueuedBytes} bytes are not accepted.");
        }

        string text = Encoding.UTF8.GetString(body);
        return await pipeline.AcceptAsync(http, OrderSources.PayPal, envelope, () => pipeline.EnqueueRawAsync(Ingestion.InboundMessage.PayPalWebhookType, text, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The cheap part of PayPal parsing, done before acknowledging: malformed JSON → 400, types we don't use → 200.
    /// Completing the event needs PayPal's Orders API, which runs in <c>IngestEvent</c>, off the ack path.
    /// </summary>
    private static WebhookParseResult PeekPayPalEnvelope(byte[] body)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            JsonElement root = doc.RootElement;
            string? id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out JsonElement i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            string? type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event_type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type))
            {
                return new WebhookParseResult(WebhookParseOutcome.Malformed, null, type, id, "event id or event_type missing");
            }

            return PayPalEventParser.HandledEventTypes.Contains(type)
                ? new WebhookParseResult(WebhookParseOutcome.Parsed, null, type, id, null)
                : new WebhookParseResult(WebhookParseOutcome.Ignored, null, type, id, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException) // the latter: invalid UTF-8 in a string read
        {
            return new WebhookParseResult(WebhookParseOutcome.Malformed, null, null, null, "body is not JSON (UTF-8)");
        }
    }

    private static IResult Rejected(ILoggerFactory loggers, string source, WebhookVerificationResult result)
    {
        ILogger logger = loggers.CreateLogger("Webhooks");
        WebhookPipeline.Count(source, result.ToString());
        if (result == WebhookVerificationResult.NoSecretConfigured)
        {
            LogNoSecret(logger, source);
        }
        else
        {
            LogRejected(logger, source, result);
        }

        return Problems.Create(StatusCodes.Status401Unauthorized, "Unauthorized", "The webhook signature could not be verified.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} webhook rejected: {Result}")]
    private static partial void LogRejected(ILogger logger, string source, WebhookVerificationResult result);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} webhook rejected: no webhook secret is configured (fail closed)")]
    private static partial void LogNoSecret(ILogger logger, string source);
}
