using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OrderTracking.Commerce.PayPal;

namespace OrderTracking.Commerce.Tests.PayPal;

/// <summary>
/// The published PayPal vectors (../vectors/README.md §3) against the pure signature check. As that README prescribes,
/// these pin the 2015 sandbox certificate's public key and skip chain and date validation (the certificate expired in
/// 2017); chain, date and CN checks are tested separately in <see cref="PayPalCertificateProviderTests"/>.
/// </summary>
public sealed class PayPalSignatureTests
{
    internal static readonly PayPalVector VectorA = new(
        "vectors/paypal/net-sdk-body.json", "b2384410-f8d2-11e4-8bf3-77339302725b", "2015-05-12T18:14:14Z", "3RN13029J36659323", 2487599788,
        "vSOIQFIZQHv8G2vpbOpD/4fSC4/MYhdHyv+AmgJyeJQq6q5avWyHIe/zL6qO5hle192HSqKbYveLoFXGJun2od2zXN3Q45VBXwdX3woXYGaNq532flAtiYin+tQ/0pNwRDsVIufCxa3a8HskaXy+YEfXNnwCSL287esD3HgOHmuAs0mYKQdbR4e8Evk8XOOQaZzGeV7GNXXz19gzzvyHbsbHmDz5VoRl9so5OoHqvnc5RtgjZfG8KA9lXh2MTPSbtdTLQb9ikKYnOGM+FasFMxk5stJisgmxaefpO9Q1qm3rCjaJ29aAOyDNr3Q7WkeN3w4bSXtFMwyRBOF28pJg9g==");

    internal static readonly PayPalVector VectorB = new(
        "vectors/paypal/node-sdk-body.json", "dfb3be50-fd74-11e4-8bf3-77339302725b", "2015-05-18T15:45:13Z", "4JH86294D6297924G", 2771810304,
        "thy4/U002quzxFavHPwbfJGcc46E8rc5jzgyeafWm5mICTBdY/8rl7WJpn8JA0GKA+oDTPsSruqusw+XXg5RLAP7ip53Euh9Xu3UbUhQFX7UgwzE2FeYoY6lyRMiiiQLzy9BvHfIzNIVhPad4KnC339dr6y2l+mN8ALgI4GCdIh3/SoJO5wE64Bh/ueWtt8EVuvsvXfda2Le5a2TrOI9vLEzsm9GS79hAR/5oLexNz8UiZr045Mr5ObroH4w4oNfmkTaDk9Rj0G19uvISs5QzgmBpauKr7Nw++JI0pr/v5mFctQkoWJSGfBGzPRXawrvIIVHQ9Wer48GR2g9ZiApWg==");

    public static TheoryData<string> Vectors => ["A", "B"];

    internal static PayPalVector Get(string name) => name == "A" ? VectorA : VectorB;

    private static bool Verify(PayPalVector v, byte[] body, string? signature = null, string? transmissionId = null)
    {
        using X509Certificate2 cert = TestCertificates.VectorCertificate();
        using RSA key = cert.GetRSAPublicKey()!;
        Assert.True(PayPalSignature.TryDecode(signature ?? v.Signature, out byte[] sig));
        return PayPalSignature.Verify(key, sig, transmissionId ?? v.TransmissionId, v.TransmissionTime, v.WebhookId, body);
    }

    [Fact]
    public void Crc32_PublishedCheckValue_Matches()
    {
        Assert.Equal(0x0967b587u, Crc32.Compute("test_string"u8));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void SignString_PublishedVector_MatchesExpected(string name)
    {
        PayPalVector v = Get(name);
        byte[] body = Fixture.Bytes(v.BodyFile);

        Assert.Equal(1288, body.Length);
        Assert.Equal(v.Crc, Crc32.Compute(body));
        Assert.Equal($"{v.TransmissionId}|{v.TransmissionTime}|{v.WebhookId}|{v.Crc}", PayPalSignature.SignString(v.TransmissionId, v.TransmissionTime, v.WebhookId, body));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_PublishedVectorWithPinnedKey_True(string name)
    {
        PayPalVector v = Get(name);
        Assert.True(Verify(v, Fixture.Bytes(v.BodyFile)));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_PublishedVectorAnyOneByteChanged_False(string name)
    {
        PayPalVector v = Get(name);
        foreach (byte[] changed in Fixture.OneByteChanges(Fixture.Bytes(v.BodyFile)))
        {
            Assert.False(Verify(v, changed));
        }
    }

    [Fact]
    public void Verify_NetSdkNegativeVectors_False()
    {
        byte[] body = Fixture.Bytes(VectorA.BodyFile);
        byte[] changedId = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("WH-2W7266712B616591M-36507203HX6402335", "XX-XXX266712B616591M-36507203HX6402335", StringComparison.Ordinal));

        Assert.NotEqual(body, changedId);
        Assert.False(Verify(VectorA, changedId));
        Assert.False(Verify(VectorA, body, signature: "XXX" + VectorA.Signature[3..]));
        Assert.False(Verify(VectorA, body, transmissionId: "XXX84410-f8d2-11e4-8bf3-77339302725b"));
    }

    [Fact]
    public void Verify_TruncatedSignature_FalseNotThrow()
    {
        Assert.False(Verify(VectorA, Fixture.Bytes(VectorA.BodyFile), signature: VectorA.Signature[..40]));
    }
}

internal sealed record PayPalVector(string BodyFile, string TransmissionId, string TransmissionTime, string WebhookId, uint Crc, string Signature)
{
    public PayPalWebhookHeaders Headers(string? algorithm = "SHA256withRSA", string? certUrl = TestCertificates.SandboxCertUrl) =>
        new(TransmissionId, TransmissionTime, Signature, certUrl, algorithm);
}
