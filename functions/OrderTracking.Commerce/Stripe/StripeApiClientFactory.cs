using System.Reflection;
using StripeNet = global::Stripe;

namespace OrderTracking.Commerce.Stripe;

/// <summary>
/// Builds Stripe.net's <see cref="StripeNet.IStripeClient"/> for calls to Stripe's API (tracking write-back) from
/// <see cref="StripeOptions"/>: the secret or restricted key, the optional API base (local stubs, egress proxies) and
/// an <see cref="HttpClient"/> from the factory. Stripe.net retries network failures, 409 and 5xx twice (429 only when
/// Stripe answers <c>Stripe-Should-Retry: true</c>), with an idempotency key on every POST, so a retried write is applied once.
/// </summary>
public static class StripeApiClientFactory
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client Stripe.net sends through.</summary>
    public const string HttpClientName = "OrderTracking.Stripe";

    /// <summary>How many times Stripe.net retries a failed request (its default).</summary>
    public const int MaxNetworkRetries = 2;

    private static readonly string s_version =
        typeof(StripeApiClientFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>True when an API key is configured (write-back to Stripe is on).</summary>
    public static bool IsConfigured(StripeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !string.IsNullOrWhiteSpace(options.ApiKey);
    }

    /// <summary>
    /// Creates the client. Throws <see cref="InvalidOperationException"/> naming the setting (never the key) when
    /// <c>Stripe:ApiKey</c> is missing or is not a secret (<c>sk_…</c>) or restricted (<c>rk_…</c>) key, or when
    /// <c>Stripe:BaseUrl</c> is not an absolute http(s) URL.
    /// </summary>
    public static StripeNet.IStripeClient Create(StripeOptions options, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        string key = options.ApiKey?.Trim() ?? string.Empty;
        if (key.Length == 0)
        {
            throw new InvalidOperationException("Stripe:ApiKey is not set: calls to Stripe's API (tracking write-back) need a secret (sk_…) or restricted (rk_…) key.");
        }

        if (!(key.StartsWith("sk_", StringComparison.Ordinal) || key.StartsWith("rk_", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                $"Stripe:ApiKey starts with '{key[..Math.Min(3, key.Length)]}': it must be a secret (sk_…) or restricted (rk_…) key, not a publishable key or a webhook secret.");
        }

        var clientOptions = new StripeNet.StripeClientOptions
        {
            ApiKey = key,
            HttpClient = new StripeNet.SystemNetHttpClient(
                httpClient, MaxNetworkRetries, new StripeNet.AppInfo { Name = "OrderTracking", Version = s_version }, enableTelemetry: false),
        };
        if (!string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            clientOptions.ApiBase = Uri.TryCreate(options.BaseUrl.TrimEnd('/'), UriKind.Absolute, out Uri? baseUri) && baseUri.Scheme is "https" or "http"
                ? baseUri.AbsoluteUri.TrimEnd('/')
                : throw new InvalidOperationException("Stripe:BaseUrl must be an absolute http(s) URL.");
        }

        return new StripeNet.StripeClient(clientOptions);
    }
}
