namespace OrderTracking.Commerce.PayPal;

/// <summary>PayPal settings, bound from the <c>PayPal</c> configuration section (DESIGN §10).</summary>
public sealed class PayPalOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "PayPal";

    /// <summary>Your webhook's id (dashboard / Webhooks API), part of the signed string. Default none: every webhook is rejected.</summary>
    public string? WebhookId { get; set; }

    /// <summary>REST app client id, for OAuth (Orders API, verify API). Default none.</summary>
    public string? ClientId { get; set; }

    /// <summary>REST app client secret. Default none.</summary>
    public string? ClientSecret { get; set; }

    /// <summary><c>sandbox</c> (default) or <c>live</c>: picks the API base URL, the allowed cert hosts and the expected cert CN.</summary>
    public string Environment { get; set; } = "sandbox";

    /// <summary>Overrides the API base URL (tests, egress proxies). Never affects which certificate URLs are trusted. Default none.</summary>
    public string? BaseUrl { get; set; }

    /// <summary><c>offline</c> (default: RSA check against the PayPal certificate) or <c>api</c> (<c>verify-webhook-signature</c> postback).</summary>
    public string VerificationMode { get; set; } = "offline";

    /// <summary>True when <see cref="Environment"/> is <c>live</c>.</summary>
    public bool IsLive => string.Equals(Environment?.Trim(), "live", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <see cref="VerificationMode"/> is <c>api</c>.</summary>
    public bool UsesVerificationApi => string.Equals(VerificationMode?.Trim(), "api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The API base URL: <see cref="BaseUrl"/>, else <c>https://api-m.paypal.com</c> (live) or <c>https://api-m.sandbox.paypal.com</c>.</summary>
    public Uri ApiBaseUri => new(
        string.IsNullOrWhiteSpace(BaseUrl) ? (IsLive ? "https://api-m.paypal.com/" : "https://api-m.sandbox.paypal.com/") : BaseUrl.TrimEnd('/') + "/",
        UriKind.Absolute);
}
