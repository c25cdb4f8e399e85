using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Testing;

namespace OrderTracking.Commerce.Tests.PayPal;

/// <summary>
/// The production certificate path: download from the real PayPal URL (answered by a stub handler), chain, dates, CN,
/// caching. Tests that need a chain that validates use a throwaway CA passed as the validator's custom trust root (a
/// test seam not reachable from configuration); everything else runs with the system trust store.
/// </summary>
public sealed class PayPalCertificateProviderTests
{
    private static readonly Uri s_url = new(TestCertificates.SandboxCertUrl);
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    internal static PayPalCertificateProvider CreateProvider(StubHttpHandler handler, PayPalOptions options, TimeProvider time, X509Certificate2Collection? customRoots = null) =>
        new(new StubHttpClientFactory(handler), Options.Create(options), new PayPalCertificateValidator(customRoots), time, NullLogger<PayPalCertificateProvider>.Instance);

    private static (StubHttpHandler Handler, PayPalCertificateProvider Provider) Serving(string pem, FakeTimeProvider time, X509Certificate2Collection? roots = null, string environment = "sandbox")
    {
        var handler = new StubHttpHandler { Responder = r => r.Uri == s_url ? StubHttpHandler.Text(pem) : new HttpResponseMessage(HttpStatusCode.NotFound) };
        return (handler, CreateProvider(handler, new PayPalOptions { WebhookId = "WH", Environment = environment }, time, roots));
    }

    [Fact]
    public async Task GetAsync_Expired2015VectorCertificate_CertificateInvalid()
    {
        (StubHttpHandler handler, PayPalCertificateProvider provider) = Serving(Fixture.Text("vectors/paypal/sandbox-cert-2015.pem"), new FakeTimeProvider(s_now));

        Assert.Equal(WebhookVerificationResult.CertificateInvalid, (await provider.GetAsync(s_url, default)).Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetAsync_2015VectorCertificateWithinValidityButChainIncomplete_CertificateInvalid()
    {
        // At signing time the dates and CN pass; the chain cannot be built offline from the system store (no intermediate).
        var time = new FakeTimeProvider(new DateTimeOffset(2015, 5, 12, 18, 14, 14, TimeSpan.Zero));
        (_, PayPalCertificateProvider provider) = Serving(Fixture.Text("vectors/paypal/sandbox-cert-2015.pem"), time);

        Assert.Equal(WebhookVerificationResult.CertificateInvalid, (await provider.GetAsync(s_url, default)).Status);
    }

    [Fact]
    public async Task GetAsync_ChainToTrustedRootWithSandboxCn_ValidAndCachedByUrl()
    {
        using X509Certificate2 root = TestCertificates.CreateRoot();
        using X509Certificate2 leaf = TestCertificates.CreateLeaf(root, PayPalCertificateValidator.SandboxCommonName, s_now.AddDays(-1), s_now.AddDays(30));
        (StubHttpHandler handler, PayPalCertificateProvider provider) = Serving(leaf.ExportCertificatePem(), new FakeTimeProvider(s_now), [root]);

        PayPalCertificateLookup first = await provider.GetAsync(s_url, default);
        PayPalCertificateLookup second = await provider.GetAsync(s_url, default);

        Assert.Equal(WebhookVerificationResult.Valid, first.Status);
        Assert.Equal(leaf.Thumbprint, first.Certificate?.Thumbprint);
        Assert.Equal(WebhookVerificationResult.Valid, second.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetAsync_CachedCertificateExpires_RejectedAfterExpiry()
    {
        using X509Certificate2 root = TestCertificates.CreateRoot();
        using X509Certificate2 leaf = TestCertificates.CreateLeaf(root, PayPalCertificateValidator.SandboxCommonName, s_now.AddDays(-1), s_now.AddDays(1));
        var time = new FakeTimeProvider(s_now);
        (StubHttpHandler handler, PayPalCertificateProvider provider) = Serving(leaf.ExportCertificatePem(), time, [root]);

        Assert.Equal(WebhookVerificationResult.Valid, (await provider.GetAsync(s_url, default)).Status);
        time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(WebhookVerificationResult.CertificateInvalid, (await provider.GetAsync(s_url, default)).Status);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetAsync_WrongCommonName_CertificateInvalid()
    {
        using X509Certificate2 root = TestCertificates.CreateRoot();
        using X509Certificate2 leaf = TestCertificates.CreateLeaf(root, "messageverificationcerts.evil.example", s_now.AddDays(-1), s_now.AddDays(30));
        (_, PayPalCertificateProvider provider) = Serving(leaf.ExportCertificatePem(), new FakeTimeProvider(s_now), [root]);

        Assert.Equal(WebhookVerificationResult.CertificateInvalid, (await provider.GetAsync(s_url, default)).Status);
    }

    [Fact]
    public async Task GetAsync_LiveCnInSandboxEnvironment_CertificateInvalid()
    {
        using X509Certificate2 root = TestCertificates.CreateRoot();
        using X509Certificate2 leaf = TestCertificates.CreateLeaf(root, PayPalCertificateValidator.LiveCommonName, s_now.AddDays(-1), s_now.AddDays(30));
        (_, PayPalCertificateProvider provider) = Serving(leaf.ExportCertificatePem(), new FakeTimeProvider(s_now), [root]);

        Assert.Equal(WebhookVerificationResult.CertificateInvalid, (await provider.GetAsync(s_url, default)).Status);
    }

    [Fact]
    public async Task GetAsync_SelfSignedWithRightCnUnderSystemTrust_CertificateInvalid()
    {
        using X509Certificate2 leaf = TestCertificates.CreateLeaf(null, PayPalCertificateValidator.SandboxCommonName, s_now.AddDays(-1), s_now.AddDays(30));
        (_, PayPalCertificateProvider provider) = Serving(leaf.ExportCertificatePem(), new FakeTimeProvider(s_now));

        Assert.Equal(WebhookVerificationResult.CertificateInvalid, (await provider.GetAsync(s_url, default)).Status);
    }

    [Fact]
    public async Task GetAsync_IssuedByUntrustedCa_CertificateInvalid()
    {
        using X509Certificate2 trusted = TestCertificates.CreateRoot();
        using X509Certificate2 other = TestCertificates.CreateRoot("CN=Attacker Root");
        using X509Certificate2 leaf = TestCertificates.CreateLeaf(other, PayPalCertificateValidator.SandboxCommonName, s_now.AddDays(-1), s_now.AddDays(30));
        (_, PayPalCertificateProvider provider) = Serving(leaf.ExportCertificatePem() + other.ExportCertificatePem(), new FakeTimeProvider(s_now), [trusted]);

        Assert.Equal(WebhookVerificationResult.CertificateInvalid, (await provider.GetAsync(s_url, default)).Status);
    }

    [Fact]
    public async Task GetAsync_NotYetValid_CertificateInvalid()
    {
        using X509Certificate2 root = TestCertificates.CreateRoot();
        using X509Certificate2 leaf = TestCertificates.CreateLeaf(root, PayPalCertificateValidator.SandboxCommonName, s_now.AddDays(1), s_now.AddDays(30));
        (_, PayPalCertificateProvider provider) = Serving(leaf.ExportCertificatePem(), new FakeTimeProvider(s_now), [root]);

        Assert.Equal(WebhookVerificationResult.CertificateInvalid, (await provider.GetAsync(s_url, default)).Status);
    }

    [Theory]
    [InlineData("not a certificate")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public async Task GetAsync_GarbageBody_CertificateInvalid(string body)
    {
        (_, PayPalCertificateProvider provider) = Serving(body, new FakeTimeProvider(s_now));

        Assert.Equal(WebhookVerificationResult.CertificateInvalid, (await provider.GetAsync(s_url, default)).Status);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Found)]
    public async Task GetAsync_DownloadFails_VerificationUnavailable(HttpStatusCode status)
    {
        var handler = new StubHttpHandler { Responder = _ => new HttpResponseMessage(status) };
        PayPalCertificateProvider provider = CreateProvider(handler, new PayPalOptions { WebhookId = "WH" }, new FakeTimeProvider(s_now));

        Assert.Equal(WebhookVerificationResult.VerificationUnavailable, (await provider.GetAsync(s_url, default)).Status);
    }

    [Fact]
    public async Task GetAsync_OversizedBody_VerificationUnavailable()
    {
        (_, PayPalCertificateProvider provider) = Serving(new string('A', PayPalHttp.MaxCertificateBytes + 10), new FakeTimeProvider(s_now));

        Assert.Equal(WebhookVerificationResult.VerificationUnavailable, (await provider.GetAsync(s_url, default)).Status);
    }

    [Fact]
    public async Task VerifyAsync_EndToEndWithTrustedChain_ValidAndTamperInvalid()
    {
        using X509Certificate2 root = TestCertificates.CreateRoot();
        using X509Certificate2 leaf = TestCertificates.CreateLeaf(root, PayPalCertificateValidator.SandboxCommonName, s_now.AddDays(-1), s_now.AddDays(30));
        (StubHttpHandler handler, PayPalCertificateProvider provider) = Serving(leaf.ExportCertificatePem(), new FakeTimeProvider(s_now), [root]);
        byte[] body = Fixture.Bytes("paypal/payment-capture-completed.json");
        string signString = $"tx-1|2026-11-22T05:59:58Z|WH|{Crc32.Compute(body)}";
        string signature = Convert.ToBase64String(leaf.GetRSAPrivateKey()!.SignData(Encoding.UTF8.GetBytes(signString), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var headers = new PayPalWebhookHeaders("tx-1", "2026-11-22T05:59:58Z", signature, TestCertificates.SandboxCertUrl, "SHA256withRSA");
        PayPalWebhookVerifier verifier = PayPalWebhookVerifierTests.Create(new PayPalOptions { WebhookId = "WH", BaseUrl = "http://127.0.0.1:9" }, provider);

        Assert.Equal(WebhookVerificationResult.Valid, await verifier.VerifyAsync(headers, body, default));
        body[^2] ^= 0x01;
        Assert.Equal(WebhookVerificationResult.InvalidSignature, await verifier.VerifyAsync(headers, body, default));
        Assert.Single(handler.Requests);
        Assert.Equal(s_url, handler.Requests[0].Uri);
    }
}
