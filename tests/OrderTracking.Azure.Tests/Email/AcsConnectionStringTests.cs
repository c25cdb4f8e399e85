using OrderTracking.Azure.Email;

namespace OrderTracking.Azure.Tests.Email;

public sealed class AcsConnectionStringTests
{
    [Fact]
    public void Parse_DocumentedForm_ReadsEndpointAndKey()
    {
        AcsConnectionString parsed = AcsConnectionString.Parse($"endpoint=https://contoso.communication.azure.com/;accesskey={AcsHmacAuthenticationPolicyTests.AccessKey}");

        Assert.Equal(new Uri("https://contoso.communication.azure.com/"), parsed.Endpoint);
        Assert.Equal(AcsHmacAuthenticationPolicyTests.AccessKey, parsed.AccessKey);
    }

    [Fact]
    public void Parse_KeysInAnyCaseAndOrder_Accepted()
    {
        AcsConnectionString parsed = AcsConnectionString.Parse($" AccessKey={AcsHmacAuthenticationPolicyTests.AccessKey} ; Endpoint=https://x.communication.azure.com ;");

        Assert.Equal("x.communication.azure.com", parsed.Endpoint.Host);
    }

    [Theory]
    [InlineData("accesskey=c2VjcmV0")]
    [InlineData("endpoint=https://x.communication.azure.com/")]
    [InlineData("endpoint=not a url;accesskey=c2VjcmV0")]
    [InlineData("endpoint=https://x.communication.azure.com/;accesskey=not*base64")]
    public void Parse_Invalid_ThrowsWithoutEchoingTheKey(string value)
    {
        FormatException error = Assert.Throws<FormatException>(() => AcsConnectionString.Parse(value));

        Assert.DoesNotContain("c2VjcmV0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
    }
}
