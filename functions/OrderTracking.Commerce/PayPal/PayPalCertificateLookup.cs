using System.Security.Cryptography.X509Certificates;

namespace OrderTracking.Commerce.PayPal;

/// <summary>Result of <see cref="IPayPalCertificateSource.GetAsync"/>: <see cref="Certificate"/> is set only when <see cref="Status"/> is Valid.</summary>
internal sealed record PayPalCertificateLookup(WebhookVerificationResult Status, X509Certificate2? Certificate);
