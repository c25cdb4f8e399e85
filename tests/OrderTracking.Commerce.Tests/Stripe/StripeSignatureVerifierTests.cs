using OrderTracking.Commerce.Stripe;

namespace OrderTracking.Commerce.Tests.Stripe;

public sealed class StripeSignatureVerifierTests
{
    // Vector from stripe-dotnet EventUtilityTest (../vectors/README.md §1).
    private const string VectorSecret = "webhook_secret";
    private const long VectorTimestamp = 1533204620;
    private const string VectorHeader = "t=1533204620,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7,v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef";
    private const string TestSecret = "whsec_test_0123456789abcdef";

    private static readonly byte[] s_vector = Fixture.Bytes("vectors/stripe/payload.json");
    private static readonly byte[] s_event = Fixture.Bytes("stripe/checkout-session-completed.json");
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset VectorTime(long offsetSeconds) => DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp + offsetSeconds);

    [Fact]
    public void Verify_PublishedVectorWithinTolerance_Valid()
    {
        Assert.Equal(484, s_vector.Length);
        Assert.Equal(WebhookVerificationResult.Valid, StripeSignatureVerifier.Verify(s_vector, VectorHeader, [VectorSecret], VectorTime(100)));
    }

    [Fact]
    public void Verify_PublishedVectorAnyOneByteChanged_InvalidSignature()
    {
        foreach (byte[] changed in Fixture.OneByteChanges(s_vector))
        {
            Assert.Equal(WebhookVerificationResult.InvalidSignature, StripeSignatureVerifier.Verify(changed, VectorHeader, [VectorSecret], VectorTime(100)));
        }
    }

    [Fact]
    public void Verify_PublishedVectorWithAppendedText_InvalidSignature()
    {
        byte[] tampered = [.. s_vector, .. "this_changes_the_json"u8];
        Assert.Equal(WebhookVerificationResult.InvalidSignature, StripeSignatureVerifier.Verify(tampered, VectorHeader, [VectorSecret], VectorTime(100)));
    }

    [Fact]
    public void Verify_PublishedVectorHeaderOneCharChanged_InvalidSignature()
    {
        string header = VectorHeader.Replace("v1=2220", "v1=3220", StringComparison.Ordinal);
        Assert.Equal(WebhookVerificationResult.InvalidSignature, StripeSignatureVerifier.Verify(s_vector, header, [VectorSecret], VectorTime(100)));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(-400)]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_ReplayOutsideTolerance_TimestampOutOfTolerance(long offsetSeconds)
    {
        Assert.Equal(WebhookVerificationResult.TimestampOutOfTolerance, StripeSignatureVerifier.Verify(s_vector, VectorHeader, [VectorSecret], VectorTime(offsetSeconds)));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    [InlineData(0)]
    public void Verify_AtToleranceEdge_Valid(long offsetSeconds)
    {
        Assert.Equal(WebhookVerificationResult.Valid, StripeSignatureVerifier.Verify(s_vector, VectorHeader, [VectorSecret], VectorTime(offsetSeconds)));
    }

    [Fact]
    public void Verify_CustomTolerance_Applied()
    {
        Assert.Equal(WebhookVerificationResult.TimestampOutOfTolerance, StripeSignatureVerifier.Verify(s_vector, VectorHeader, [VectorSecret], VectorTime(100), TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Verify_WrongSignatureAndStaleTimestamp_InvalidSignatureFirst()
    {
        Assert.Equal(WebhookVerificationResult.InvalidSignature, StripeSignatureVerifier.Verify(s_vector, VectorHeader, ["other_secret"], VectorTime(4000)));
    }

    [Theory]
    [InlineData("t=,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7")]
    [InlineData("t,v1=,v0=")]
    [InlineData("t,v1=,v0")]
    [InlineData("t,v1=,")]
    [InlineData("t,,")]
    [InlineData(",,")]
    [InlineData("t")]
    [InlineData("t=1533204620,v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef")]
    [InlineData("t=abc,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7")]
    [InlineData("t=-5,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7")]
    [InlineData("t=99999999999999999999,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7")]
    [InlineData("t=1533204620,v1=zz20f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7")]
    public void Verify_MalformedHeader_MalformedSignature(string header)
    {
        Assert.Equal(WebhookVerificationResult.MalformedSignature, StripeSignatureVerifier.Verify(s_vector, header, [VectorSecret], VectorTime(0)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_NoHeader_MissingSignature(string? header)
    {
        Assert.Equal(WebhookVerificationResult.MissingSignature, StripeSignatureVerifier.Verify(s_vector, header, [VectorSecret], VectorTime(0)));
    }

    [Fact]
    public void Verify_NoSecretsConfigured_NoSecretConfiguredEvenWithValidHeader()
    {
        Assert.Equal(WebhookVerificationResult.NoSecretConfigured, StripeSignatureVerifier.Verify(s_vector, VectorHeader, [], VectorTime(0)));
        Assert.Equal(WebhookVerificationResult.NoSecretConfigured, StripeSignatureVerifier.Verify(s_vector, VectorHeader, ["", "  "], VectorTime(0)));
    }

    [Fact]
    public void Verify_OwnEventSignedWithTestSecret_Valid()
    {
        long t = s_now.ToUnixTimeSeconds();
        string header = StripeTestSigner.Header(s_event, TestSecret, t);
        Assert.Equal(WebhookVerificationResult.Valid, StripeSignatureVerifier.Verify(s_event, header, [TestSecret], s_now));
    }

    [Fact]
    public void Verify_WrongSecret_InvalidSignature()
    {
        string header = StripeTestSigner.Header(s_event, TestSecret, s_now.ToUnixTimeSeconds());
        Assert.Equal(WebhookVerificationResult.InvalidSignature, StripeSignatureVerifier.Verify(s_event, header, ["whsec_other"], s_now));
    }

    [Fact]
    public void Verify_RotationSecondSecretMatches_Valid()
    {
        string header = StripeTestSigner.Header(s_event, TestSecret, s_now.ToUnixTimeSeconds());
        Assert.Equal(WebhookVerificationResult.Valid, StripeSignatureVerifier.Verify(s_event, header, ["whsec_old", TestSecret], s_now));
    }

    [Fact]
    public void Verify_HeaderWithSeveralV1AnyMatches_Valid()
    {
        long t = s_now.ToUnixTimeSeconds();
        string header = $"t={t},v1={StripeTestSigner.Signature(s_event, "whsec_old", t)},v1={StripeTestSigner.Signature(s_event, TestSecret, t)}";
        Assert.Equal(WebhookVerificationResult.Valid, StripeSignatureVerifier.Verify(s_event, header, [TestSecret], s_now));
    }

    [Fact]
    public void Verify_TimestampBeyond32Bits_HandledAs64Bit()
    {
        long t = 4_102_444_800; // 2100-01-01, past Int32.MaxValue seconds
        string header = StripeTestSigner.Header(s_event, TestSecret, t);
        Assert.Equal(WebhookVerificationResult.Valid, StripeSignatureVerifier.Verify(s_event, header, [TestSecret], DateTimeOffset.FromUnixTimeSeconds(t + 10)));
        Assert.Equal(WebhookVerificationResult.TimestampOutOfTolerance, StripeSignatureVerifier.Verify(s_event, header, [TestSecret], s_now));
    }
}
