using OrderTracking.Azure.Email;
using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Email;

public sealed class AcsHmacAuthenticationPolicyTests
{
    // base64("OrderTracking ACS test access key, not a secret!!")
    internal const string AccessKey = "T3JkZXJUcmFja2luZyBBQ1MgdGVzdCBhY2Nlc3Mga2V5LCBub3QgYSBzZWNyZXQhIQ==";
    private const string Date = "Sun, 22 Nov 2026 06:00:00 GMT";
    private const string ContentHash = "7hzZAPmNsBqMNNY1ywwL7r0Pp+4GPBmaWxHI5Q8/vO4="; // SHA-256 of {"senderAddress":"DoNotReply@example.com"}

    [Fact]
    public void Authorization_FixedKeyAndTime_MatchesKnownAnswer()
    {
        var policy = new AcsHmacAuthenticationPolicy(AccessKey, new FakeTimeProvider());

        string header = policy.Authorization(
            "POST", new Uri("https://contoso.communication.azure.com/emails:send?api-version=2025-09-01"), Date, ContentHash);

        // Known answer computed outside .NET (Python hmac/hashlib) from the documented string-to-sign.
        Assert.Equal("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=IPUKAl+byNnBqdUkGaGGxIcOLsczclUDa0U89Jvk6fQ=", header);
    }

    [Fact]
    public void Authorization_NonDefaultPort_SignsHostWithPort()
    {
        var policy = new AcsHmacAuthenticationPolicy(AccessKey, new FakeTimeProvider());

        string header = policy.Authorization("POST", new Uri("https://127.0.0.1:8443/emails:send?api-version=2025-09-01"), Date, ContentHash);

        Assert.EndsWith("Signature=G2x7x25m8YnPq80LSmyOVofPRr36dKUViiYX5I9rIpM=", header, StringComparison.Ordinal);
        Assert.Equal(
            AcsSignature.ExpectedAuthorization("POST", "/emails:send?api-version=2025-09-01", "127.0.0.1:8443", Date, ContentHash, AccessKey),
            header);
    }

    [Fact]
    public void Authorization_DifferentPathOrDate_ChangesSignature()
    {
        var policy = new AcsHmacAuthenticationPolicy(AccessKey, new FakeTimeProvider());
        var uri = new Uri("https://contoso.communication.azure.com/emails:send?api-version=2025-09-01");

        string baseline = policy.Authorization("POST", uri, Date, ContentHash);

        Assert.NotEqual(baseline, policy.Authorization("POST", new Uri("https://contoso.communication.azure.com/emails:send?api-version=2023-03-31"), Date, ContentHash));
        Assert.NotEqual(baseline, policy.Authorization("POST", uri, "Sun, 22 Nov 2026 06:00:01 GMT", ContentHash));
    }
}
