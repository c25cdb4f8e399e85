using System.Security.Cryptography;
using System.Text;
using OrderTracking.Commerce.Shopify;

namespace OrderTracking.Commerce.Tests.Shopify;

public sealed class ShopifySignatureVerifierTests
{
    // Vector from Shopify/shopify-app-js validate.test.ts (../vectors/README.md §2).
    private const string VectorSecret = "test_secret_key";
    private const string VectorHeader = "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=";
    private static readonly byte[] s_vectorBody = "{\"foo\": \"bar\"}"u8.ToArray();

    internal static string Sign(byte[] body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [Fact]
    public void Verify_PublishedVector_Valid()
    {
        Assert.Equal(14, s_vectorBody.Length);
        Assert.Equal(WebhookVerificationResult.Valid, ShopifySignatureVerifier.Verify(s_vectorBody, VectorHeader, [VectorSecret]));
    }

    [Fact]
    public void Verify_PublishedVectorWithoutSpace_InvalidSignature()
    {
        Assert.Equal(WebhookVerificationResult.InvalidSignature, ShopifySignatureVerifier.Verify("{\"foo\":\"bar\"}"u8, VectorHeader, [VectorSecret]));
    }

    [Fact]
    public void Verify_PublishedVectorAnyOneByteChanged_InvalidSignature()
    {
        foreach (byte[] changed in Fixture.OneByteChanges(s_vectorBody))
        {
            Assert.Equal(WebhookVerificationResult.InvalidSignature, ShopifySignatureVerifier.Verify(changed, VectorHeader, [VectorSecret]));
        }
    }

    [Fact]
    public void Verify_FixtureSignedWithAppSecret_Valid()
    {
        byte[] body = Fixture.Bytes("shopify/fulfillments-create.json");
        Assert.Equal(WebhookVerificationResult.Valid, ShopifySignatureVerifier.Verify(body, Sign(body, "shpss_app_secret"), ["shpss_app_secret"]));
    }

    [Fact]
    public void Verify_TamperedFixture_InvalidSignature()
    {
        byte[] body = Fixture.Bytes("shopify/fulfillments-create.json");
        string header = Sign(body, "shpss_app_secret");
        byte[] tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("1Z999AA10123456784", "1Z999AA10123456785", StringComparison.Ordinal));
        Assert.Equal(WebhookVerificationResult.InvalidSignature, ShopifySignatureVerifier.Verify(tampered, header, ["shpss_app_secret"]));
    }

    [Fact]
    public void Verify_RotationSecondSecretMatches_Valid()
    {
        Assert.Equal(WebhookVerificationResult.Valid, ShopifySignatureVerifier.Verify(s_vectorBody, VectorHeader, ["old_secret", VectorSecret]));
    }

    [Fact]
    public void Verify_WrongSecret_InvalidSignature()
    {
        Assert.Equal(WebhookVerificationResult.InvalidSignature, ShopifySignatureVerifier.Verify(s_vectorBody, VectorHeader, ["old_secret"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Verify_NoHeader_MissingSignature(string? header)
    {
        Assert.Equal(WebhookVerificationResult.MissingSignature, ShopifySignatureVerifier.Verify(s_vectorBody, header, [VectorSecret]));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g")]
    [InlineData("B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmg==")]
    [InlineData("B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7gB23tXN68=")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Verify_NotA32ByteBase64Value_MalformedSignature(string header)
    {
        Assert.Equal(WebhookVerificationResult.MalformedSignature, ShopifySignatureVerifier.Verify(s_vectorBody, header, [VectorSecret]));
    }

    [Fact]
    public void Verify_NoSecretsConfigured_NoSecretConfigured()
    {
        Assert.Equal(WebhookVerificationResult.NoSecretConfigured, ShopifySignatureVerifier.Verify(s_vectorBody, VectorHeader, []));
        Assert.Equal(WebhookVerificationResult.NoSecretConfigured, ShopifySignatureVerifier.Verify(s_vectorBody, VectorHeader, [" "]));
    }
}
