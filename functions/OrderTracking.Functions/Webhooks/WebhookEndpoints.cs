using OrderTracking.Commerce;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Commerce.Stripe;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Webhooks;

/// <summary>
/// <c>StripeWebhook</c>, <c>ShopifyWebhook</c>: HTTP-only functions, so the host forwards the raw request and the
/// signature is checked over the exact bytes (DESIGN §2, §12).
/// </summary>
internal static partial class WebhookEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webhooks/shopify", HandleShopifyAsync);
        app.MapPost("/api/webhooks/stripe", HandleStripeAsync);
    }

    private static async Task<IResult> HandleShopifyAsync(
        HttpContext http, WebhookSecrets secrets, WebhookPipeline pipeline, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        (byte[]? body, IResult? error) = await RequestBody.ReadJsonAsync(http.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        WebhookVerificationResult verified = ShopifySignatureVerifier.Verify(body, http.Request.Headers["X-Shopify-Hmac-Sha256"], secrets.Shopify);
        if (verified != WebhookVerificationResult.Valid)
        {
            return Unauthorized(loggers, OrderSources.Shopify, verified);
        }

        string? topic = http.Request.Headers["X-Shopify-Topic"];
        if (string.IsNullOrEmpty(topic))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Missing topic", "X-Shopify-Topic is required.");
        }

        WebhookParseResult parsed = ShopifyEventParser.Parse(topic, http.Request.Headers["X-Shopify-Webhook-Id"], body);
        return await pipeline.AcceptAsync(http, OrderSources.Shopify, parsed, cancellationToken);
    }

    private static async Task<IResult> HandleStripeAsync(
        HttpContext http, WebhookSecrets secrets, WebhookPipeline pipeline, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        (byte[]? body, IResult? error) = await RequestBody.ReadJsonAsync(http.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        WebhookVerificationResult verified = StripeSignatureVerifier.Verify(body, http.Request.Headers["Stripe-Signature"], secrets.Stripe, time.GetUtcNow());
        if (verified != WebhookVerificationResult.Valid)
        {
            return Unauthorized(loggers, OrderSources.Stripe, verified);
        }

        return await pipeline.AcceptAsync(http, OrderSources.Stripe, StripeEventParser.Parse(body), cancellationToken);
    }

    private static IResult Unauthorized(ILoggerFactory loggers, string source, WebhookVerificationResult result)
    {
        ILogger logger = loggers.CreateLogger("Webhooks");
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
