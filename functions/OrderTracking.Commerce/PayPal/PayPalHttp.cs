namespace OrderTracking.Commerce.PayPal;

/// <summary>Names of the <see cref="System.Net.Http.IHttpClientFactory"/> clients used for PayPal.</summary>
internal static class PayPalHttp
{
    /// <summary>REST API calls (OAuth, Orders, verify-webhook-signature).</summary>
    public const string ApiClient = "OrderTracking.Commerce.PayPal.Api";

    /// <summary>Certificate downloads: no redirects, small responses.</summary>
    public const string CertificateClient = "OrderTracking.Commerce.PayPal.Certificates";

    /// <summary>Largest certificate response read (a PEM chain is a few KiB).</summary>
    public const int MaxCertificateBytes = 64 * 1024;
}
