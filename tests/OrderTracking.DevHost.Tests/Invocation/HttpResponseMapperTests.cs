using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrderTracking.DevHost.Http;

namespace OrderTracking.DevHost.Tests.Invocation;

public sealed class HttpResponseMapperTests
{
    [Fact]
    public async Task WriteAsync_ObjectWithBody_AppliesStatusHeadersAndBody()
    {
        DefaultHttpContext context = NewContext();

        await HttpResponseMapper.WriteAsync(context.Response, JsonNode.Parse("""{"statusCode":"202","headers":{"Content-Type":"application/json","X-A":"1"},"body":"{\"ok\":true}"}"""), default);

        Assert.Equal(202, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Equal("1", context.Response.Headers["X-A"]);
        Assert.Equal("{\"ok\":true}", Body(context));
    }

    [Fact]
    public async Task WriteAsync_ObjectWithoutBody_IsItselfTheJsonBodyWith200()
    {
        DefaultHttpContext context = NewContext();

        await HttpResponseMapper.WriteAsync(context.Response, JsonNode.Parse("""{"status":404,"message":"x"}"""), default);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"status":404,"message":"x"}"""), JsonNode.Parse(Body(context))));
    }

    [Fact]
    public async Task WriteAsync_NumericStatusAndObjectBody_WritesJson()
    {
        DefaultHttpContext context = NewContext();

        await HttpResponseMapper.WriteAsync(context.Response, JsonNode.Parse("""{"StatusCode":201,"Body":{"id":7}}"""), default);

        Assert.Equal(201, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType);
        Assert.Equal("""{"id":7}""", Body(context));
    }

    [Fact]
    public async Task WriteAsync_BareString_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => HttpResponseMapper.WriteAsync(NewContext().Response, JsonValue.Create("hi"), default));
    }

    private static DefaultHttpContext NewContext() => new() { Response = { Body = new MemoryStream() } };

    private static string Body(DefaultHttpContext context) => System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
