using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrderTracking.Commerce.Tests.PayPal;

/// <summary>Issues a throwaway CA and PayPal-like leaf certificates for the certificate-path tests.</summary>
internal static class TestCertificates
{
    public const string SandboxCertUrl = "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77";

    public static X509Certificate2 VectorCertificate() =>
        X509Certificate2.CreateFromPem(Fixture.Text("vectors/paypal/sandbox-cert-2015.pem"));

    public static X509Certificate2 CreateRoot(string name = "CN=OrderTracking Test Root")
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-30), DateTimeOffset.UtcNow.AddYears(30));
    }

    /// <summary>A leaf with its private key, issued by <paramref name="issuer"/> (or self-signed when null).</summary>
    public static X509Certificate2 CreateLeaf(X509Certificate2? issuer, string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=\"PayPal, Inc.\"", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        byte[] serial = RandomNumberGenerator.GetBytes(12);
        using X509Certificate2 publicOnly = request.Create(issuer, notBefore, notAfter, serial);
        return publicOnly.CopyWithPrivateKey(key);
    }
}
