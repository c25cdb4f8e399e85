using OrderTracking.Azure.Storage;

namespace OrderTracking.Azure.Tests.Storage;

public sealed class StorageErrorsTests
{
    [Fact]
    public void ParseBody_TableODataError_ReturnsCodeAndFirstLine()
    {
        (string? code, string? message) = StorageErrors.ParseBody(
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"The specified entity already exists.\\nRequestId:abc\\nTime:2026\"}}}");

        Assert.Equal("EntityAlreadyExists", code);
        Assert.Equal("The specified entity already exists.", message);
    }

    [Fact]
    public void ParseBody_QueueXmlError_ReturnsCode()
    {
        (string? code, string? message) = StorageErrors.ParseBody(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>QueueNotFound</Code><Message>The specified queue does not exist.\nRequestId:x</Message></Error>");

        Assert.Equal("QueueNotFound", code);
        Assert.Equal("The specified queue does not exist.", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a body")]
    [InlineData("{broken")]
    [InlineData("<broken")]
    public void ParseBody_Unrecognized_ReturnsNulls(string body)
    {
        Assert.Equal((null, null), StorageErrors.ParseBody(body));
    }

    [Fact]
    public void FailedIndex_MessagePrefix_IsParsedWithinRange()
    {
        Assert.Equal(3, TableBatchContent.FailedIndex("3:The specified entity already exists.", 4));
        Assert.Null(TableBatchContent.FailedIndex("7:out of range", 4));
        Assert.Null(TableBatchContent.FailedIndex("no index", 4));
    }
}
