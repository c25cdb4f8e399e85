namespace OrderTracking.Commerce.PayPal;

/// <summary>Supplies the validated signing certificate for an already-trusted <c>PAYPAL-CERT-URL</c>.</summary>
internal interface IPayPalCertificateSource
{
    /// <summary>The certificate, or the reason there is none (CertificateInvalid, VerificationUnavailable).</summary>
    Task<PayPalCertificateLookup> GetAsync(Uri certUrl, CancellationToken cancellationToken);
}
