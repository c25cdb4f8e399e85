using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Commerce.Stripe;

namespace OrderTracking.Commerce.Tests;

public sealed class CommerceServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddCommerce(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddCommerce_CommaSeparatedSecrets_ExposedAsTrimmedLists()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Stripe:WebhookSecrets"] = "whsec_new, whsec_old ,",
            ["Shopify:WebhookSecrets"] = "shpss_1",
            ["Stripe:SignatureToleranceSeconds"] = "120",
        });

        Assert.Equal(["whsec_new", "whsec_old"], provider.GetRequiredService<IOptions<StripeOptions>>().Value.WebhookSecrets);
        Assert.Equal(120, provider.GetRequiredService<IOptions<StripeOptions>>().Value.SignatureToleranceSeconds);
        Assert.Equal(["shpss_1"], provider.GetRequiredService<IOptions<ShopifyOptions>>().Value.WebhookSecrets);
    }

    [Fact]
    public void AddCommerce_IndexedSecrets_AlsoAccepted()
    {
        using ServiceProvider provider = Build(new() { ["Shopify:WebhookSecrets:0"] = "a", ["Shopify:WebhookSecrets:1"] = "b,c" });

        Assert.Equal(["a", "b", "c"], provider.GetRequiredService<IOptions<ShopifyOptions>>().Value.WebhookSecrets);
    }

    [Fact]
    public void AddCommerce_NothingConfigured_EmptySecretsSandboxOffline()
    {
        using ServiceProvider provider = Build([]);

        Assert.Empty(provider.GetRequiredService<IOptions<StripeOptions>>().Value.WebhookSecrets);
        PayPalOptions paypal = provider.GetRequiredService<IOptions<PayPalOptions>>().Value;
        Assert.Null(paypal.WebhookId);
        Assert.False(paypal.IsLive);
        Assert.False(paypal.UsesVerificationApi);
        Assert.Equal(new Uri("https://api-m.sandbox.paypal.com/"), paypal.ApiBaseUri);
    }

    [Fact]
    public void AddCommerce_PayPalSection_BoundAndServicesResolve()
    {
        using ServiceProvider provider = Build(new()
        {
            ["PayPal:WebhookId"] = "WH-1",
            ["PayPal:Environment"] = "live",
            ["PayPal:VerificationMode"] = "api",
        });

        PayPalOptions paypal = provider.GetRequiredService<IOptions<PayPalOptions>>().Value;
        Assert.Equal("WH-1", paypal.WebhookId);
        Assert.True(paypal.IsLive);
        Assert.True(paypal.UsesVerificationApi);
        Assert.Equal(new Uri("https://api-m.paypal.com/"), paypal.ApiBaseUri);
        Assert.Same(provider.GetRequiredService<PayPalWebhookVerifier>(), provider.GetRequiredService<PayPalWebhookVerifier>());
        Assert.NotNull(provider.GetRequiredService<PayPalEventParser>());
    }

    [Fact]
    public void AddCommerce_BaseUrlOverride_UsedForApiOnly()
    {
        using ServiceProvider provider = Build(new() { ["PayPal:BaseUrl"] = "http://127.0.0.1:5099/" });

        Assert.Equal(new Uri("http://127.0.0.1:5099/"), provider.GetRequiredService<IOptions<PayPalOptions>>().Value.ApiBaseUri);
    }
}
