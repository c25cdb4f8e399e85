using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Commerce.Stripe;

namespace OrderTracking.Functions.Sync;

/// <summary>Says once at start-up which platforms tracking is written back to, and what turns the others on.</summary>
internal sealed partial class WriteBackStatusLog(
    IOptions<StripeOptions> stripe, IOptions<PayPalOptions> payPal, IOptions<ShopifyOptions> shopify, ILogger<WriteBackStatusLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (StripeApiClientFactory.IsConfigured(stripe.Value))
        {
            LogOn(logger, "Stripe");
        }
        else
        {
            LogOff(logger, "Stripe", "Stripe:ApiKey");
        }

        if (PayPalTrackingClient.IsConfigured(payPal.Value))
        {
            LogOn(logger, "PayPal");
        }
        else
        {
            LogOff(logger, "PayPal", "PayPal:ClientId and PayPal:ClientSecret");
        }

        if (ShopifyAdminClient.IsConfigured(shopify.Value))
        {
            LogOn(logger, "Shopify");
        }
        else
        {
            LogOff(logger, "Shopify", "Shopify:ShopDomain and Shopify:AccessToken");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Write-back to {Platform}: on")]
    private static partial void LogOn(ILogger logger, string platform);

    [LoggerMessage(Level = LogLevel.Information, Message = "Write-back to {Platform}: off (set {Setting} to turn it on)")]
    private static partial void LogOff(ILogger logger, string platform, string setting);
}
