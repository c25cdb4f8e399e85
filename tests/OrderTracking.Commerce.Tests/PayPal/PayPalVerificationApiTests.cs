using System.Net;
using System.Text.Json;
using OrderTracking.Commerce.PayPal;

namespace OrderTracking.Commerce.Tests.PayPal;

/// <summary><c>PayPal:VerificationMode=api</c>: the verify-webhook-signature postback.</summary>
public sealed class PayPalVerificationApiTests
{
    private static async Task<WebhookVerificationResult> VerifyAsync(PayPalApiStub stub, PayPalWebhookHeaders? headers = null, byte[]? body = null)
    {
        stub.Options.VerificationMode = "api";
        var source = new PinnedCertificateSource(WebhookVerificationResult.CertificateInvalid, null);
        PayPalWebhookVerifier verifier = PayPalWebhookVerifierTests.Create(stub.Options, source, stub.CreateVerificationApi());
        WebhookVerificationResult result = await verifier.VerifyAsync(headers ?? PayPalSignatureTests.VectorA.Headers(), body ?? Fixture.Bytes("paypal/checkout-order-approved.json"), default);
        Assert.Empty(source.Calls); // the offline path is never consulted in api mode
        return result;
    }

    [Fact]
    public async Task VerifyAsync_ApiSaysSuccess_ValidAndBodyEmbeddedVerbatim()
    {
        var stub = new PayPalApiStub();
        byte[] body = Fixture.Bytes("paypal/checkout-order-approved.json");

        Assert.Equal(WebhookVerificationResult.Valid, await VerifyAsync(stub, body: body));

        RecordedRequest post = Assert.Single(stub.RequestsTo("/v1/notifications/verify-webhook-signature"));
        Assert.Equal("Bearer token-1", post.Authorization);
        Assert.Equal("application/json", post.ContentType);
        using JsonDocument sent = JsonDocument.Parse(post.Body!);
        JsonElement root = sent.RootElement;
        Assert.Equal("SHA256withRSA", root.GetProperty("auth_algo").GetString());
        Assert.Equal(TestCertificates.SandboxCertUrl, root.GetProperty("cert_url").GetString());
        Assert.Equal(PayPalSignatureTests.VectorA.TransmissionId, root.GetProperty("transmission_id").GetString());
        Assert.Equal(PayPalSignatureTests.VectorA.Signature, root.GetProperty("transmission_sig").GetString());
        Assert.Equal(PayPalSignatureTests.VectorA.TransmissionTime, root.GetProperty("transmission_time").GetString());
        Assert.Equal("WH-ID", root.GetProperty("webhook_id").GetString());
        // Verbatim: the exact received text (not a re-serialization) follows the property name.
        Assert.Contains("\"webhook_event\":" + System.Text.Encoding.UTF8.GetString(body).TrimEnd(), post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_ApiSaysFailure_InvalidSignature()
    {
        var stub = new PayPalApiStub { VerifyResponse = """{"verification_status":"FAILURE"}""" };

        Assert.Equal(WebhookVerificationResult.InvalidSignature, await VerifyAsync(stub));
    }

    [Fact]
    public async Task VerifyAsync_ApiUnavailable_VerificationUnavailable()
    {
        var stub = new PayPalApiStub { VerifyStatus = HttpStatusCode.ServiceUnavailable };

        Assert.Equal(WebhookVerificationResult.VerificationUnavailable, await VerifyAsync(stub));
    }

    [Fact]
    public async Task VerifyAsync_BodyNotJson_InvalidSignatureWithoutRequest()
    {
        var stub = new PayPalApiStub();

        Assert.Equal(WebhookVerificationResult.InvalidSignature, await VerifyAsync(stub, body: "{not json"u8.ToArray()));
        Assert.Empty(stub.Handler.Requests);
    }

    [Fact]
    public async Task VerifyAsync_ForgedCertUrlInApiMode_UntrustedWithoutRequest()
    {
        var stub = new PayPalApiStub();
        PayPalWebhookHeaders headers = PayPalSignatureTests.VectorA.Headers(certUrl: "https://evil.example.com/v1/notifications/certs/CERT-1");

        Assert.Equal(WebhookVerificationResult.UntrustedCertificateUrl, await VerifyAsync(stub, headers));
        Assert.Empty(stub.Handler.Requests);
    }
}
