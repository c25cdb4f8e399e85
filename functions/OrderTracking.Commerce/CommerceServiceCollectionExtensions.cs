using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Commerce.Stripe;

namespace OrderTracking.Commerce;

/// <summary>DI registration for the commerce building blocks.</summary>
public static class CommerceServiceCollectionExtensions
{
    private static readonly TimeSpan s_certificateTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_apiTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Binds <see cref="StripeOptions"/>, <see cref="ShopifyOptions"/> and <see cref="PayPalOptions"/> from the
    /// <c>Stripe</c>, <c>Shopify</c> and <c>PayPal</c> sections (comma-separated secret lists split into lists), and registers
    /// the PayPal HTTP clients, <see cref="PayPalWebhookVerifier"/> and <see cref="PayPalEventParser"/> as singletons.
    /// Stripe.net's <c>IStripeClient</c> is registered too, built on first resolve from <c>Stripe:ApiKey</c> (see
    /// <see cref="StripeApiClientFactory"/>). The Stripe and Shopify verifiers and parsers are static and need no registration.
    /// </summary>
    public static IServiceCollection AddCommerce(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection stripe = configuration.GetSection(StripeOptions.SectionName);
        IConfigurationSection shopify = configuration.GetSection(ShopifyOptions.SectionName);
        services.AddOptions<StripeOptions>().Configure(o =>
        {
            o.WebhookSecrets = ReadList(stripe, nameof(StripeOptions.WebhookSecrets));
            o.ApiKey = stripe[nameof(StripeOptions.ApiKey)] ?? o.ApiKey;
            o.BaseUrl = stripe[nameof(StripeOptions.BaseUrl)] ?? o.BaseUrl;
            o.SignatureToleranceSeconds = int.TryParse(stripe[nameof(StripeOptions.SignatureToleranceSeconds)], out int tolerance) ? tolerance : o.SignatureToleranceSeconds;
        });
        services.AddOptions<ShopifyOptions>().Configure(o =>
        {
            o.WebhookSecrets = ReadList(shopify, nameof(ShopifyOptions.WebhookSecrets));
            o.ShopDomain = shopify[nameof(ShopifyOptions.ShopDomain)] ?? o.ShopDomain;
            o.AccessToken = shopify[nameof(ShopifyOptions.AccessToken)] ?? o.AccessToken;
            o.ApiVersion = shopify[nameof(ShopifyOptions.ApiVersion)] ?? o.ApiVersion;
            o.BaseUrl = shopify[nameof(ShopifyOptions.BaseUrl)] ?? o.BaseUrl;
        });
        services.AddOptions<PayPalOptions>().Bind(configuration.GetSection(PayPalOptions.SectionName));

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(PayPalHttp.ApiClient, c => c.Timeout = s_apiTimeout);
        services.AddHttpClient(PayPalHttp.CertificateClient, c =>
        {
            c.Timeout = s_certificateTimeout;
            c.MaxResponseContentBufferSize = PayPalHttp.MaxCertificateBytes;
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        services.AddHttpClient(StripeApiClientFactory.HttpClientName, c => c.Timeout = s_apiTimeout);
        services.TryAddSingleton(sp => StripeApiClientFactory.Create(
            sp.GetRequiredService<IOptions<StripeOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(StripeApiClientFactory.HttpClientName)));
        services.TryAddSingleton(sp => new StripeTrackingWriter(sp.GetRequiredService<global::Stripe.IStripeClient>()));

        services.AddHttpClient(ShopifyAdminClient.HttpClientName, c => c.Timeout = s_apiTimeout);
        services.TryAddSingleton(sp => new ShopifyAdminClient(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<ShopifyOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ShopifyAdminClient>>()));
        services.TryAddSingleton(sp => new ShopifyFulfillmentWriter(sp.GetRequiredService<ShopifyAdminClient>()));
        services.TryAddSingleton(sp => new ShopifyPaymentLookup(sp.GetRequiredService<ShopifyAdminClient>()));

        services.TryAddSingleton(_ => new PayPalCertificateValidator());
        services.TryAddSingleton<PayPalAccessTokenProvider>();
        services.TryAddSingleton<PayPalCertificateProvider>();
        services.TryAddSingleton<PayPalOrdersClient>();
        services.TryAddSingleton(sp => new PayPalTrackingClient(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<PayPalOptions>>(),
            sp.GetRequiredService<PayPalAccessTokenProvider>(), sp.GetRequiredService<ILogger<PayPalTrackingClient>>()));
        services.TryAddSingleton<PayPalVerificationApiClient>();
        services.TryAddSingleton(sp => new PayPalWebhookVerifier(
            sp.GetRequiredService<IOptions<PayPalOptions>>(),
            sp.GetRequiredService<PayPalCertificateProvider>(),
            sp.GetRequiredService<PayPalVerificationApiClient>(),
            sp.GetRequiredService<ILogger<PayPalWebhookVerifier>>()));
        services.TryAddSingleton(sp => new PayPalEventParser(sp.GetRequiredService<PayPalOrdersClient>()));
        return services;
    }

    /// <summary>A list from a comma-separated value (<c>Key=a,b</c>) and/or indexed children (<c>Key:0</c>, <c>Key:1</c>).</summary>
    internal static IReadOnlyList<string> ReadList(IConfigurationSection section, string key)
    {
        IConfigurationSection child = section.GetSection(key);
        IEnumerable<string?> raw = [child.Value, .. child.GetChildren().Select(c => c.Value)];
        // An unresolved Key Vault reference stays in the setting as literal text: treat it as "not configured"
        // (fail closed) rather than as a guessable secret.
        return [.. raw.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(v => !v.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)];
    }
}
