using System.Security.Cryptography.X509Certificates;
using OrderTracking.Commerce.PayPal;

namespace OrderTracking.Commerce.Tests.PayPal;

/// <summary>Test-only certificate source: answers with a fixed lookup (e.g. the pinned 2015 vector certificate).</summary>
internal sealed class PinnedCertificateSource(WebhookVerificationResult status, X509Certificate2? certificate) : IPayPalCertificateSource
{
    public List<Uri> Calls { get; } = [];

    public static PinnedCertificateSource Vector() => new(WebhookVerificationResult.Valid, TestCertificates.VectorCertificate());

    public Task<PayPalCertificateLookup> GetAsync(Uri certUrl, CancellationToken cancellationToken)
    {
        Calls.Add(certUrl);
        return Task.FromResult(new PayPalCertificateLookup(status, certificate));
    }
}
