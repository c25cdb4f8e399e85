using System.Security.Cryptography.X509Certificates;

namespace OrderTracking.Commerce.PayPal;

/// <summary>
/// Validates a downloaded PayPal signing certificate (reference §5.4): validity period at the given time, leaf CN
/// <c>messageverificationcerts[.sandbox].paypal.com</c>, an RSA key, and a chain to the system trust store.
/// </summary>
internal sealed class PayPalCertificateValidator
{
    public const string LiveCommonName = "messageverificationcerts.paypal.com";
    public const string SandboxCommonName = "messageverificationcerts.sandbox.paypal.com";

    private readonly X509Certificate2Collection? _customRoots;

    /// <param name="customRoots">
    /// Test seam only (not reachable from configuration): trust anchors replacing the system store so tests can issue
    /// their own PayPal-like chain. Null (production) means the system trust store.
    /// </param>
    public PayPalCertificateValidator(X509Certificate2Collection? customRoots = null) => _customRoots = customRoots;

    public bool IsValid(X509Certificate2 leaf, X509Certificate2Collection intermediates, bool live, DateTimeOffset now)
    {
        if (now < leaf.NotBefore || now > leaf.NotAfter)
        {
            return false;
        }

        string commonName = leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.Equals(commonName, live ? LiveCommonName : SandboxCommonName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        using (System.Security.Cryptography.RSA? key = leaf.GetRSAPublicKey())
        {
            if (key is null)
            {
                return false;
            }
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        // Revocation is not checked: PayPal certificates are short-lived and OCSP/CRL fetches would put third-party
        // latency on the webhook path. Chain, dates and CN still bind the key to PayPal.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.UrlRetrievalTimeout = TimeSpan.FromSeconds(5);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        if (_customRoots is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_customRoots);
            chain.ChainPolicy.DisableCertificateDownloads = true;
        }

        return chain.Build(leaf);
    }
}
