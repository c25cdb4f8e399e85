using OrderTracking.DevHost.Invocation;

namespace OrderTracking.DevHost.Tests.Invocation;

public sealed class InvocationResponseParserTests
{
    [Fact]
    public void Parse_CamelCaseResponse_ReadsOutputsLogsAndReturnValueCaseInsensitively()
    {
        InvocationResult result = InvocationResponseParser.Parse("id", 200, """{"outputs":{"Notify":["{}"]},"logs":["a","b"],"returnValue":{"x":1}}""");

        Assert.True(result.Succeeded);
        Assert.NotNull(result.Outputs!["notify"]);
        Assert.Equal(["a", "b"], result.Logs);
        Assert.Equal(1, result.ReturnValue!["x"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(500, """{"Logs":[]}""", "answered 500")]
    [InlineData(200, "", "empty body")]
    [InlineData(200, "OK", "not a JSON object")]
    [InlineData(200, "[1]", "not a JSON object")]
    [InlineData(200, "null", "not a JSON object")]
    public void Parse_FailedAnswer_FailsTheInvocation(int status, string body, string expected)
    {
        InvocationResult result = InvocationResponseParser.Parse("id", status, body);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error);
    }
}
