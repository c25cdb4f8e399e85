using System.Text.Json.Nodes;
using OrderTracking.DevHost.Invocation;

namespace OrderTracking.DevHost.Tests.Invocation;

public sealed class QueueOutputReaderTests
{
    [Fact]
    public void Read_Array_OneMessagePerElement()
    {
        IReadOnlyList<string> messages = QueueOutputReader.Read(JsonNode.Parse("""["{\"a\":1}", {"b":2}]""")!, binaryDataType: false, out bool decoded);

        Assert.Equal(2, messages.Count);
        Assert.Equal("{\"a\":1}", messages[0]);
        Assert.Equal("{\n  \"b\": 2\n}", messages[1].ReplaceLineEndings("\n"));
        Assert.False(decoded);
    }

    [Fact]
    public void Read_StringHoldingArray_OneMessagePerElement()
    {
        IReadOnlyList<string> messages = QueueOutputReader.Read(JsonValue.Create("""[{"a":1},{"a":2}]"""), binaryDataType: false, out _);

        Assert.Equal(2, messages.Count);
    }

    [Fact]
    public void Read_JsonObjectText_OneMessageUnchanged()
    {
        IReadOnlyList<string> messages = QueueOutputReader.Read(JsonValue.Create("""{"orderId":"A-1"}"""), binaryDataType: false, out bool decoded);

        Assert.Equal(["""{"orderId":"A-1"}"""], messages);
        Assert.False(decoded);
    }

    [Theory]
    [InlineData("test")]
    [InlineData("10000001")]
    public void Read_ValidBase64String_IsDecodedLikeTheHost(string text)
    {
        IReadOnlyList<string> messages = QueueOutputReader.Read(JsonValue.Create(text), binaryDataType: false, out bool decoded);

        Assert.True(decoded);
        Assert.NotEqual(text, messages.Single());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(text)), messages.Single());
    }

    [Fact]
    public void Read_Base64StringWithBinaryDataType_IsKept()
    {
        IReadOnlyList<string> messages = QueueOutputReader.Read(JsonValue.Create("test"), binaryDataType: true, out bool decoded);

        Assert.Equal(["test"], messages);
        Assert.False(decoded);
    }
}
