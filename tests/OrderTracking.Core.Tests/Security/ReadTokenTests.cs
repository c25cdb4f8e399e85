using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using OrderTracking.Core.Security;

namespace OrderTracking.Core.Tests.Security;

public sealed class ReadTokenTests
{
    private const string Key = "test-read-token-key-0123456789";
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Mint_FollowsTheDocumentedRecipe()
    {
        DateTimeOffset exp = s_now.AddDays(1);
        string token = ReadToken.Mint(Key, "shopify:450789469", exp);

        // DESIGN §9: sig = base64url(no padding) of HMAC-SHA256(key, "{orderKey}|{exp}"), exp in Unix seconds.
        long unix = exp.ToUnixTimeSeconds();
        string expected = Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes($"shopify:450789469|{unix}")));
        Assert.Equal($"{unix}.{expected}", token);
        Assert.DoesNotContain('=', token);
    }

    [Fact]
    public void Verify_ValidToken_IsAccepted()
    {
        string token = ReadToken.Mint(Key, "api:A-1", s_now.AddHours(1));
        Assert.True(ReadToken.Verify([Key], "api:A-1", token, s_now));
    }

    [Fact]
    public void Verify_OtherOrder_IsRejected()
    {
        string token = ReadToken.Mint(Key, "api:A-1", s_now.AddHours(1));
        Assert.False(ReadToken.Verify([Key], "api:A-2", token, s_now));
    }

    [Fact]
    public void Verify_Expired_IsRejected()
    {
        string token = ReadToken.Mint(Key, "api:A-1", s_now.AddSeconds(-1));
        Assert.False(ReadToken.Verify([Key], "api:A-1", token, s_now));
    }

    [Fact]
    public void Verify_ExtendedExpiry_IsRejected()
    {
        string token = ReadToken.Mint(Key, "api:A-1", s_now.AddHours(1));
        string forged = $"{s_now.AddYears(5).ToUnixTimeSeconds()}{token[token.IndexOf('.', StringComparison.Ordinal)..]}";
        Assert.False(ReadToken.Verify([Key], "api:A-1", forged, s_now));
    }

    [Fact]
    public void Verify_RotatedKey_OldTokensStillAccepted()
    {
        string token = ReadToken.Mint("old-key-0123456789abcdef", "api:A-1", s_now.AddHours(1));
        Assert.True(ReadToken.Verify(["new-key-0123456789abcdef", "old-key-0123456789abcdef"], "api:A-1", token, s_now));
        Assert.False(ReadToken.Verify(["new-key-0123456789abcdef"], "api:A-1", token, s_now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("123.")]
    [InlineData(".sig")]
    [InlineData("-5.sig")]
    public void Verify_Malformed_IsRejected(string? token)
    {
        Assert.False(ReadToken.Verify([Key], "api:A-1", token, s_now));
    }
}
