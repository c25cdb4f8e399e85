using System.Security.Cryptography.X509Certificates;
using OrderTracking.Commerce;
using OrderTracking.Commerce.PayPal;

namespace OrderTracking.Benchmarks.Commerce;

/// <summary>Stands for the certificate cache hit (the steady state): returns one already-validated certificate.</summary>
internal sealed class CachedCertificateSource(X509Certificate2 certificate) : IPayPalCertificateSource
{
    private readonly Task<PayPalCertificateLookup> _lookup = Task.FromResult(new PayPalCertificateLookup(WebhookVerificationResult.Valid, certificate));

    public Task<PayPalCertificateLookup> GetAsync(Uri certUrl, CancellationToken cancellationToken) => _lookup;
}
