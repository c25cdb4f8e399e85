namespace OrderTracking.Commerce.Shopify;

/// <summary>Shopify settings, bound from the <c>Shopify</c> configuration section (DESIGN §10).</summary>
public sealed class ShopifyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Shopify";

    /// <summary>
    /// App client secrets (the HMAC keys); configured as one comma-separated string (<c>Shopify:WebhookSecrets</c>) because a
    /// rotated secret takes up to an hour to take effect. Default empty: every webhook is rejected.
    /// </summary>
    public IReadOnlyList<string> WebhookSecrets { get; set; } = [];

    /// <summary>Shop domain (<c>{shop}.myshopify.com</c>) for write-back. Default none.</summary>
    public string? ShopDomain { get; set; }

    /// <summary>Admin API access token for write-back. Default none.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Pinned Admin API version (<c>YYYY-MM</c>). Default none (the write-back client picks).</summary>
    public string? ApiVersion { get; set; }

    /// <summary>API base override (tests, proxies). Default none.</summary>
    public string? BaseUrl { get; set; }
}
