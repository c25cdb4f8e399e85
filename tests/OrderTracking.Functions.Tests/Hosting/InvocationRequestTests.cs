using System.Text.Json;
using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Tests.Hosting;

/// <summary>Decoding of what the Functions host really sends (reference §2.2–2.4), and of what the docs show.</summary>
public sealed class InvocationRequestTests
{
    private static InvocationRequest Load(string name) =>
        JsonSerializer.Deserialize<InvocationRequest>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "envelopes", name)), Json.Options)!;

    [Fact]
    public void GetString_HostDoubleEncodedMessage_YieldsTheMessageJson()
    {
        InvocationRequest request = Load("queue-host-actual.json");

        string? message = request.GetString("order");

        Assert.Equal("""{"orderId":"A-1001","status":"shipped"}""", message);
        using JsonDocument doc = JsonDocument.Parse(message!);
        Assert.Equal("A-1001", doc.RootElement.GetProperty("orderId").GetString());
    }

    [Fact]
    public void GetString_DocsShape_YieldsTheSameMessage()
    {
        Assert.Equal("""{"orderId":"A-1001","status":"shipped"}""", Load("queue-docs-idealised.json").GetString("order"));
    }

    [Fact]
    public void DequeueCount_StringOrNumber_IsParsed()
    {
        Assert.Equal(1, Load("queue-host-actual.json").DequeueCount);
        Assert.Equal(3, Load("queue-docs-idealised.json").DequeueCount);
    }

    [Fact]
    public void GetMetadataString_DoubleEncodedId_IsUnwrapped()
    {
        Assert.Equal("3f6c0a8e-8d5e-4e0a-9d1e-1a2b3c4d5e6f", Load("queue-host-actual.json").GetMetadataString("Id"));
        Assert.Equal("800ae4b3-bdd2-4c08-badd-f08e5a34b865", Load("queue-docs-idealised.json").GetMetadataString("Id"));
        Assert.Equal("A-1001", Load("queue-host-actual.json").GetMetadataString("orderId"));
    }

    [Fact]
    public void GetString_TimerObject_IsReturnedAsJson()
    {
        string? timer = Load("timer-host.json").GetString("timer");

        using JsonDocument doc = JsonDocument.Parse(timer!);
        Assert.False(doc.RootElement.GetProperty("IsPastDue").GetBoolean());
    }

    [Fact]
    public void GetString_MissingBinding_IsNull()
    {
        Assert.Null(Load("timer-host.json").GetString("message"));
    }

    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"\\\"once\\\"\"", "once")]
    [InlineData("\"\\\"{\\\\\\\"a\\\\\\\":1}\\\"\"", "{\"a\":1}")]
    [InlineData("\"\\\"not json\"", "\"not json")]
    [InlineData("42", "42")]
    public void UnwrapString_EncodingVariants_AreDecoded(string json, string expected)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal(expected, EnvelopeValue.UnwrapString(doc.RootElement));
    }
}
