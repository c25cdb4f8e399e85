namespace OrderTracking.Commerce.PayPal;

/// <summary>The PayPal webhook transmission headers (reference §5.2); header names are case-insensitive.</summary>
/// <param name="TransmissionId"><c>PAYPAL-TRANSMISSION-ID</c>.</param>
/// <param name="TransmissionTime"><c>PAYPAL-TRANSMISSION-TIME</c>, used verbatim in the signed string.</param>
/// <param name="TransmissionSignature"><c>PAYPAL-TRANSMISSION-SIG</c> (base64).</param>
/// <param name="CertUrl"><c>PAYPAL-CERT-URL</c>.</param>
/// <param name="AuthAlgorithm"><c>PAYPAL-AUTH-ALGO</c>; only <c>SHA256withRSA</c> is accepted.</param>
public sealed record PayPalWebhookHeaders(string? TransmissionId, string? TransmissionTime, string? TransmissionSignature, string? CertUrl, string? AuthAlgorithm)
{
    /// <summary>Header name.</summary>
    public const string TransmissionIdHeader = "PAYPAL-TRANSMISSION-ID";
    /// <summary>Header name.</summary>
    public const string TransmissionTimeHeader = "PAYPAL-TRANSMISSION-TIME";
    /// <summary>Header name.</summary>
    public const string TransmissionSignatureHeader = "PAYPAL-TRANSMISSION-SIG";
    /// <summary>Header name.</summary>
    public const string CertUrlHeader = "PAYPAL-CERT-URL";
    /// <summary>Header name.</summary>
    public const string AuthAlgorithmHeader = "PAYPAL-AUTH-ALGO";

    /// <summary>Reads the five headers through <paramref name="getHeader"/> (which should match names case-insensitively).</summary>
    public static PayPalWebhookHeaders From(Func<string, string?> getHeader)
    {
        ArgumentNullException.ThrowIfNull(getHeader);
        return new PayPalWebhookHeaders(
            getHeader(TransmissionIdHeader),
            getHeader(TransmissionTimeHeader),
            getHeader(TransmissionSignatureHeader),
            getHeader(CertUrlHeader),
            getHeader(AuthAlgorithmHeader));
    }
}
