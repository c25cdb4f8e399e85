using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrderTracking.Commerce.PayPal;

/// <summary>
/// Verifies PayPal webhooks (reference §5.3, §5.4). Offline (default): RSA PKCS#1 v1.5 + SHA-256 over
/// <c>transmissionId|transmissionTime|webhookId|crc32(body)</c> with the certificate from <c>PAYPAL-CERT-URL</c>, which is
/// requested only when it is an https URL on a PayPal API host of the configured environment, then chain-, date- and
/// CN-validated and cached by URL. With <c>PayPal:VerificationMode=api</c> the verify-webhook-signature API decides instead
/// (the URL rule still applies first). Fails closed without <c>PayPal:WebhookId</c>.
/// </summary>
public sealed class PayPalWebhookVerifier
{
    private readonly IOptions<PayPalOptions> _options;
    private readonly IPayPalCertificateSource _certificates;
    private readonly PayPalVerificationApiClient? _api;
    private readonly ILogger _logger;

    internal PayPalWebhookVerifier(IOptions<PayPalOptions> options, IPayPalCertificateSource certificates, PayPalVerificationApiClient? api, ILogger<PayPalWebhookVerifier> logger)
    {
        _options = options;
        _certificates = certificates;
        _api = api;
        _logger = logger;
    }

    /// <summary>Verifies one delivery.</summary>
    /// <param name="headers">The transmission headers.</param>
    /// <param name="payload">The exact request body bytes.</param>
    /// <param name="cancellationToken">Cancels the certificate download or API call.</param>
    public async Task<WebhookVerificationResult> VerifyAsync(PayPalWebhookHeaders headers, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        WebhookVerificationResult result = await VerifyCoreAsync(headers, payload, cancellationToken).ConfigureAwait(false);
        if (result != WebhookVerificationResult.Valid)
        {
            PayPalLog.WebhookRejected(_logger, result);
        }

        return result;
    }

    private async Task<WebhookVerificationResult> VerifyCoreAsync(PayPalWebhookHeaders headers, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        PayPalOptions options = _options.Value;
        string? webhookId = CommerceText.Clean(options.WebhookId);
        if (webhookId is null)
        {
            return WebhookVerificationResult.NoSecretConfigured;
        }

        string? transmissionId = CommerceText.Clean(headers.TransmissionId);
        string? transmissionTime = CommerceText.Clean(headers.TransmissionTime);
        string? signature = CommerceText.Clean(headers.TransmissionSignature);
        if (transmissionId is null || transmissionTime is null || signature is null || CommerceText.Clean(headers.CertUrl) is null || CommerceText.Clean(headers.AuthAlgorithm) is null)
        {
            return WebhookVerificationResult.MissingSignature;
        }

        if (!string.Equals(headers.AuthAlgorithm!.Trim(), PayPalSignature.SupportedAlgorithm, StringComparison.OrdinalIgnoreCase) ||
            !PayPalSignature.TryDecode(signature, out byte[] signatureBytes))
        {
            return WebhookVerificationResult.MalformedSignature;
        }

        // SSRF guard before anything else touches the URL, in both modes and whatever BaseUrl says.
        if (!PayPalCertificateUrl.TryGetTrusted(headers.CertUrl, options.IsLive, out Uri certUrl))
        {
            return WebhookVerificationResult.UntrustedCertificateUrl;
        }

        if (options.UsesVerificationApi)
        {
            return _api is null
                ? WebhookVerificationResult.VerificationUnavailable
                : await _api.VerifyAsync(headers, webhookId, payload, cancellationToken).ConfigureAwait(false);
        }

        PayPalCertificateLookup lookup = await _certificates.GetAsync(certUrl, cancellationToken).ConfigureAwait(false);
        if (lookup.Status != WebhookVerificationResult.Valid || lookup.Certificate is not X509Certificate2 certificate)
        {
            return lookup.Status == WebhookVerificationResult.Valid ? WebhookVerificationResult.CertificateInvalid : lookup.Status;
        }

        using RSA? key = certificate.GetRSAPublicKey();
        if (key is null)
        {
            return WebhookVerificationResult.CertificateInvalid;
        }

        return PayPalSignature.Verify(key, signatureBytes, transmissionId, transmissionTime, webhookId, payload.Span)
            ? WebhookVerificationResult.Valid
            : WebhookVerificationResult.InvalidSignature;
    }
}
