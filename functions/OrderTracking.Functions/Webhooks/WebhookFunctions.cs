using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Commerce.Stripe;

namespace OrderTracking.Functions.Webhooks;

/// <summary>
/// <c>ShopifyWebhook</c>, <c>StripeWebhook</c>, <c>PayPalWebhook</c>: anonymous HTTP POSTs; the request is the worker's
/// live ASP.NET Core request, so signatures are checked over the exact bytes (<see cref="WebhookEndpoints"/>).
/// </summary>
internal sealed class WebhookFunctions(
    IOptions<ShopifyOptions> shopify,
    IOptions<StripeOptions> stripe,
    PayPalWebhookVerifier payPal,
    WebhookPipeline pipeline,
    TimeProvider time,
    ILoggerFactory loggers)
{
    [Function("ShopifyWebhook")]
    public Task<IResult> ShopifyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/shopify")] HttpRequest request, CancellationToken cancellationToken) =>
        WebhookEndpoints.HandleShopifyAsync(request.HttpContext, shopify, pipeline, loggers, cancellationToken);

    [Function("StripeWebhook")]
    public Task<IResult> StripeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/stripe")] HttpRequest request, CancellationToken cancellationToken) =>
        WebhookEndpoints.HandleStripeAsync(request.HttpContext, stripe, pipeline, time, loggers, cancellationToken);

    [Function("PayPalWebhook")]
    public Task<IResult> PayPalAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/paypal")] HttpRequest request, CancellationToken cancellationToken) =>
        WebhookEndpoints.HandlePayPalAsync(request.HttpContext, payPal, pipeline, loggers, cancellationToken);
}
