using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Testing;

namespace OrderTracking.Commerce.Tests.PayPal;

/// <summary>
/// Every outcome of <see cref="PayPalWebhookVerifier"/>. The vector cases use a pinned-certificate source (the 2015
/// sandbox certificate has expired, see ../vectors/README.md §3.3); the URL cases use the real provider with a
/// counting stub handler to prove that nothing is requested.
/// </summary>
public sealed class PayPalWebhookVerifierTests
{
    internal static PayPalWebhookVerifier Create(PayPalOptions options, IPayPalCertificateSource source, PayPalVerificationApiClient? api = null) =>
        new(Options.Create(options), source, api, NullLogger<PayPalWebhookVerifier>.Instance);

    private static PayPalOptions OptionsFor(PayPalVector v) => new() { WebhookId = v.WebhookId, Environment = "sandbox" };

    [Theory]
    [MemberData(nameof(PayPalSignatureTests.Vectors), MemberType = typeof(PayPalSignatureTests))]
    public async Task VerifyAsync_PublishedVectorWithPinnedCertificate_Valid(string name)
    {
        PayPalVector v = PayPalSignatureTests.Get(name);
        var source = PinnedCertificateSource.Vector();

        WebhookVerificationResult result = await Create(OptionsFor(v), source).VerifyAsync(v.Headers(), Fixture.Bytes(v.BodyFile), default);

        Assert.Equal(WebhookVerificationResult.Valid, result);
        Assert.Equal(new Uri(TestCertificates.SandboxCertUrl), Assert.Single(source.Calls));
    }

    [Fact]
    public async Task VerifyAsync_OneByteChangedBody_InvalidSignature()
    {
        PayPalVector v = PayPalSignatureTests.VectorA;
        byte[] body = Fixture.Bytes(v.BodyFile);
        body[100] ^= 0x01;

        Assert.Equal(WebhookVerificationResult.InvalidSignature, await Create(OptionsFor(v), PinnedCertificateSource.Vector()).VerifyAsync(v.Headers(), body, default));
    }

    [Fact]
    public async Task VerifyAsync_OtherWebhookIdConfigured_InvalidSignature()
    {
        PayPalVector v = PayPalSignatureTests.VectorA;
        var options = new PayPalOptions { WebhookId = PayPalSignatureTests.VectorB.WebhookId };

        Assert.Equal(WebhookVerificationResult.InvalidSignature, await Create(options, PinnedCertificateSource.Vector()).VerifyAsync(v.Headers(), Fixture.Bytes(v.BodyFile), default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task VerifyAsync_NoWebhookId_NoSecretConfigured(string? webhookId)
    {
        PayPalVector v = PayPalSignatureTests.VectorA;
        var source = PinnedCertificateSource.Vector();

        Assert.Equal(WebhookVerificationResult.NoSecretConfigured, await Create(new PayPalOptions { WebhookId = webhookId }, source).VerifyAsync(v.Headers(), Fixture.Bytes(v.BodyFile), default));
        Assert.Empty(source.Calls);
    }

    [Fact]
    public async Task VerifyAsync_AnyHeaderMissing_MissingSignature()
    {
        PayPalVector v = PayPalSignatureTests.VectorA;
        PayPalWebhookHeaders full = v.Headers();
        PayPalWebhookHeaders[] partial =
        [
            full with { TransmissionId = null }, full with { TransmissionTime = "" }, full with { TransmissionSignature = null },
            full with { CertUrl = null }, full with { AuthAlgorithm = " " },
        ];
        foreach (PayPalWebhookHeaders headers in partial)
        {
            Assert.Equal(WebhookVerificationResult.MissingSignature, await Create(OptionsFor(v), PinnedCertificateSource.Vector()).VerifyAsync(headers, Fixture.Bytes(v.BodyFile), default));
        }
    }

    [Theory]
    [InlineData("SHA1withRSA", null)]
    [InlineData("SHA512withRSA", null)]
    [InlineData("SHA256withRSA", "not*base64")]
    public async Task VerifyAsync_UnsupportedAlgorithmOrBadBase64_MalformedSignature(string algorithm, string? signature)
    {
        PayPalVector v = PayPalSignatureTests.VectorA;
        PayPalWebhookHeaders headers = v.Headers(algorithm) with { TransmissionSignature = signature ?? v.Signature };

        Assert.Equal(WebhookVerificationResult.MalformedSignature, await Create(OptionsFor(v), PinnedCertificateSource.Vector()).VerifyAsync(headers, Fixture.Bytes(v.BodyFile), default));
    }

    [Theory]
    [InlineData("http://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77")]
    [InlineData("https://evil.example.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77")]
    [InlineData("https://api.sandbox.paypal.com.evil.example/v1/notifications/certs/CERT-1")]
    [InlineData("https://evilpaypal.com/v1/notifications/certs/CERT-1")]
    [InlineData("https://api.paypal.com/v1/notifications/certs/CERT-1")]
    [InlineData("https://user@api.sandbox.paypal.com/v1/notifications/certs/CERT-1")]
    [InlineData("https://api.sandbox.paypal.com:8443/v1/notifications/certs/CERT-1")]
    [InlineData("https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1?x=1")]
    [InlineData("https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1#frag")]
    [InlineData("https://api.sandbox.paypal.com/v1/notifications/certs/../../oauth2/token")]
    [InlineData("https://api.sandbox.paypal.com/v1/notifications/certs/%2e%2e/x")]
    [InlineData("https://api.sandbox.paypal.com/v1/other/CERT-1")]
    [InlineData("https://api.sandbox.paypal.com/v1/notifications/certs/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/v1/notifications/certs/CERT-1")]
    [InlineData("https://127.0.0.1/v1/notifications/certs/CERT-1")]
    public async Task VerifyAsync_ForgedCertUrl_UntrustedWithoutAnyRequest(string certUrl)
    {
        PayPalVector v = PayPalSignatureTests.VectorA;
        var handler = new StubHttpHandler { Responder = _ => StubHttpHandler.Text(Fixture.Text("vectors/paypal/sandbox-cert-2015.pem")) };
        var options = new PayPalOptions { WebhookId = v.WebhookId, BaseUrl = "https://127.0.0.1" };
        PayPalCertificateProvider provider = PayPalCertificateProviderTests.CreateProvider(handler, options, new FakeTimeProvider());

        WebhookVerificationResult result = await Create(options, provider).VerifyAsync(v.Headers(certUrl: certUrl), Fixture.Bytes(v.BodyFile), default);

        Assert.Equal(WebhookVerificationResult.UntrustedCertificateUrl, result);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task VerifyAsync_SandboxUrlInLiveEnvironment_UntrustedWithoutAnyRequest()
    {
        PayPalVector v = PayPalSignatureTests.VectorA;
        var source = PinnedCertificateSource.Vector();

        WebhookVerificationResult result = await Create(new PayPalOptions { WebhookId = v.WebhookId, Environment = "live" }, source).VerifyAsync(v.Headers(), Fixture.Bytes(v.BodyFile), default);

        Assert.Equal(WebhookVerificationResult.UntrustedCertificateUrl, result);
        Assert.Empty(source.Calls);
    }

    [Theory]
    [InlineData(WebhookVerificationResult.CertificateInvalid)]
    [InlineData(WebhookVerificationResult.VerificationUnavailable)]
    public async Task VerifyAsync_CertificateSourceFails_ResultPassedThrough(WebhookVerificationResult status)
    {
        PayPalVector v = PayPalSignatureTests.VectorA;

        Assert.Equal(status, await Create(OptionsFor(v), new PinnedCertificateSource(status, null)).VerifyAsync(v.Headers(), Fixture.Bytes(v.BodyFile), default));
    }
}
