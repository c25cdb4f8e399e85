using System.Text;
using OrderTracking.Commerce;
using OrderTracking.Commerce.Stripe;

namespace OrderTracking.Commerce.Tests.Stripe;

/// <summary>
/// Our verifier against Stripe.net's own (<c>EventUtility.ValidateSignature</c>, 53.1.0) on the public vector and on
/// generated variants: both accept exactly the same requests. Ours is kept for the reasons in docs/commerce.md
/// (exact bytes, several secrets for rotation, no exceptions on the reject path, a clock we can fake).
/// </summary>
public sealed class StripeNetConformanceTests
{
    private const string Secret = "webhook_secret";
    private const long Timestamp = 1533204620;
    private static readonly byte[] s_vector = Fixture.Bytes("vectors/stripe/payload.json");

    public static TheoryData<string, string, long> Cases()
    {
        string good = StripeTestSigner.Signature(s_vector, Secret, Timestamp);
        string other = StripeTestSigner.Signature(s_vector, "another_secret", Timestamp);
        string stale = StripeTestSigner.Signature(s_vector, Secret, Timestamp - 1000);
        return new TheoryData<string, string, long>
        {
            { "vector", "t=1533204620,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7,v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef", Timestamp + 100 },
            { "vector too late", "t=1533204620,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7", Timestamp + 400 },
            { "vector too early", "t=1533204620,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7", Timestamp - 400 },
            { "signed now", $"t={Timestamp},v1={good}", Timestamp },
            { "other secret", $"t={Timestamp},v1={other}", Timestamp },
            { "other and good v1", $"t={Timestamp},v1={other},v1={good}", Timestamp },
            { "only v0", $"t={Timestamp},v0={good}", Timestamp },
            { "signature for another timestamp", $"t={Timestamp},v1={stale}", Timestamp },
            { "upper-case hex", $"t={Timestamp},v1={good.ToUpperInvariant()}", Timestamp },
            { "no timestamp", $"v1={good}", Timestamp },
            { "empty", string.Empty, Timestamp },
            { "garbage", "not a header at all", Timestamp },
            { "spaces", $"t={Timestamp}, v1={good}", Timestamp },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OurVerifier_AgreesWithStripeNet(string name, string header, long now)
    {
        bool ours = StripeSignatureVerifier.Verify(s_vector, header, [Secret], DateTimeOffset.FromUnixTimeSeconds(now)) == WebhookVerificationResult.Valid;

        Assert.True(ours == StripeNetAccepts(s_vector, header, now), $"{name}: ours {(ours ? "accepts" : "rejects")}, Stripe.net does not agree");
    }

    [Fact]
    public void OneFlippedByte_IsRejectedByBoth()
    {
        string header = $"t={Timestamp},v1={StripeTestSigner.Signature(s_vector, Secret, Timestamp)}";
        foreach (byte[] changed in Fixture.OneByteChanges(s_vector).Take(64))
        {
            bool ours = StripeSignatureVerifier.Verify(changed, header, [Secret], DateTimeOffset.FromUnixTimeSeconds(Timestamp)) == WebhookVerificationResult.Valid;
            Assert.False(ours);
            Assert.False(StripeNetAccepts(changed, header, Timestamp));
        }
    }

    private static bool StripeNetAccepts(byte[] body, string header, long now)
    {
        try
        {
            string json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            global::Stripe.EventUtility.ValidateSignature(json, header, Secret, tolerance: 300, utcNow: now);
            return true;
        }
        catch (Exception ex) when (ex is global::Stripe.StripeException or DecoderFallbackException)
        {
            return false;
        }
    }
}
