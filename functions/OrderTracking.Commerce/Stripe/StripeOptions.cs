namespace OrderTracking.Commerce.Stripe;

/// <summary>Stripe settings, bound from the <c>Stripe</c> configuration section (DESIGN §10).</summary>
public sealed class StripeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Stripe";

    /// <summary>
    /// Endpoint signing secrets (<c>whsec_…</c>); configured as one comma-separated string (<c>Stripe:WebhookSecrets</c>) so
    /// a rotated secret can sit next to the old one. Default empty: every webhook is rejected.
    /// </summary>
    public IReadOnlyList<string> WebhookSecrets { get; set; } = [];

    /// <summary>Secret API key (<c>sk_…</c>) for write-back. Default none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>API base override (tests, proxies). Default none (<c>https://api.stripe.com</c>).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Allowed distance between the signed timestamp and now, in seconds, both directions. Default 300.</summary>
    public int SignatureToleranceSeconds { get; set; } = 300;
}
