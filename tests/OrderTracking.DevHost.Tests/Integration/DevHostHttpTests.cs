using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OrderTracking.Azure.Storage;
using OrderTracking.DevHost.Tests.Support;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed class DevHostHttpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestHandlerApp _app = null!;
    private DevHostServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = new TestHandlerApp(azurite.ConnectionString);
        _server = await DevHostServer.StartAsync(_app.Options);
        _client = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Forwarding_PostWithBinaryBody_HandlerGetsExactBytesQueryAndHeaders()
    {
        byte[] body = [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x20, 0x31, 0x7D, 0x0D, 0x0A, 0xFF, 0x00, 0xC3, 0xA9];
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/echo/deep/path?b=2&a=%20x&a=y") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add("Stripe-Signature", "t=1,v1=abc");

        using HttpResponseMessage response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("handler", response.Headers.GetValues("X-Echo").Single());
        JsonNode echo = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(Convert.ToBase64String(body), echo["bodyBase64"]!.GetValue<string>());
        Assert.Equal("POST", echo["method"]!.GetValue<string>());
        Assert.Equal("/api/echo/deep/path", echo["path"]!.GetValue<string>());
        Assert.Equal("?b=2&a=%20x&a=y", echo["query"]!.GetValue<string>());
        Assert.Equal("t=1,v1=abc", echo["headers"]!["Stripe-Signature"]!.GetValue<string>());
        Assert.Equal("application/octet-stream", echo["headers"]!["Content-Type"]!.GetValue<string>());
        Assert.Equal("14", echo["headers"]!["Content-Length"]!.GetValue<string>());
        Assert.Equal(HandlerInvokerVersion, echo["headers"]!["X-Azure-Functions-HostVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Auth_FunctionLevel_RequiresKeyInHeaderOrCode()
    {
        using HttpResponseMessage anonymous = await _client.GetAsync("api/secure");
        using HttpResponseMessage wrongKey = await _client.GetAsync("api/secure?code=nope");
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, "api/secure");
        withHeader.Headers.Add("x-functions-key", "test-key-123");
        using HttpResponseMessage headerResponse = await _client.SendAsync(withHeader);
        using HttpResponseMessage codeResponse = await _client.GetAsync("api/secure?code=test-key-123");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, headerResponse.StatusCode);
        Assert.Equal("secret", await headerResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, codeResponse.StatusCode);
    }

    [Fact]
    public async Task Routing_TemplatesConstraintsAndMethods_AsTheHost()
    {
        using HttpResponseMessage match = await _client.GetAsync("api/items/42/blue");
        using HttpResponseMessage optional = await _client.GetAsync("api/items/42");
        using HttpResponseMessage constraint = await _client.GetAsync("api/items/abc");
        using HttpResponseMessage unknown = await _client.GetAsync("api/nothing-here");
        using HttpResponseMessage noPrefix = await _client.GetAsync("items/42");
        using HttpResponseMessage wrongMethod = await _client.DeleteAsync("api/items/42");

        Assert.Equal(HttpStatusCode.OK, match.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":42,"name":"blue"}"""), JsonNode.Parse(await match.Content.ReadAsStringAsync())));
        Assert.Equal(HttpStatusCode.OK, optional.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, constraint.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noPrefix.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task Start_Handler_GetsHostEnvironmentSettingsAndExpandedArguments()
    {
        JsonNode env = JsonNode.Parse(await _client.GetStringAsync("api/env"))!;

        Assert.Equal(env["customHandlerPort"]!.GetValue<string>(), env["httpWorkerPort"]!.GetValue<string>());
        Assert.True(Guid.TryParse(env["customHandlerWorkerId"]!.GetValue<string>(), out _));
        Assert.Equal(env["customHandlerWorkerId"]!.GetValue<string>(), env["httpWorkerId"]!.GetValue<string>());
        Assert.Equal(Path.GetFullPath(TestHandlerApp.AppRoot), env["appRoot"]!.GetValue<string>());
        Assert.Equal("from-settings", env["sectionSetting"]!.GetValue<string>()); // TestHandler:Marker arrived as TestHandler__Marker
        Assert.Equal(azurite.ConnectionString, env["storage"]!.GetValue<string>());
        Assert.Contains(_server.HandlerLogs, l => l.Contains("--marker=expanded-marker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnvelopeMode_HttpFunctionWithQueueOutput_SendsRequestObjectAndMapsOutputs()
    {
        using var content = new StringContent("""{"note":"hi"}""", Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await _client.PostAsync("api/envelope/A-1001?include=events&code=ignored", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("envelope", response.Headers.GetValues("X-From").Single());
        Assert.Equal("""{"accepted":true}""", await response.Content.ReadAsStringAsync());
        JsonObject record = _app.Records("EnvelopeHttp").Single();
        Assert.Equal("/EnvelopeHttp", record["path"]!.GetValue<string>());
        JsonNode envelope = JsonNode.Parse(record["body"]!.GetValue<string>())!;
        JsonNode req = envelope["Data"]!["req"]!;
        Assert.EndsWith("/api/envelope/A-1001?include=events&code=ignored", req["Url"]!.GetValue<string>());
        Assert.Equal("POST", req["Method"]!.GetValue<string>());
        Assert.Equal("events", req["Query"]!["include"]!.GetValue<string>());
        Assert.Equal("A-1001", req["Params"]!["orderId"]!.GetValue<string>());
        Assert.Equal("""{"note":"hi"}""", req["Body"]!.GetValue<string>());
        Assert.IsType<JsonArray>(req["Headers"]!["Content-Type"]);
        JsonNode metadata = envelope["Metadata"]!;
        Assert.Equal("\"A-1001\"", metadata["orderId"]!.GetValue<string>());
        Assert.Equal("\"events\"", metadata["include"]!.GetValue<string>());
        Assert.Equal("\"hi\"", metadata["note"]!.GetValue<string>());
        Assert.Null(metadata["code"]);
        Assert.Equal("EnvelopeHttp", metadata["sys"]!["MethodName"]!.GetValue<string>());
        QueueClient done = azurite.QueueServiceClient.GetQueueClient(_app.DoneQueue);
        IReadOnlyList<PeekedMessage> outputs = await done.PeekMessagesAsync(10);
        Assert.Equal(["""{"n":1}""", """{"n":2}"""], outputs.Select(m => m.MessageText).Order());
    }

    [Fact]
    public async Task KillHandler_NextRequest_SucceedsAfterRestart()
    {
        string before = JsonNode.Parse(await _client.GetStringAsync("api/env"))!["customHandlerWorkerId"]!.GetValue<string>();

        await _server.KillHandlerAsync();
        using HttpResponseMessage after = await _client.GetAsync("api/env");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        string workerId = JsonNode.Parse(await after.Content.ReadAsStringAsync())!["customHandlerWorkerId"]!.GetValue<string>();
        Assert.NotEqual(before, workerId);
    }

    private const string HandlerInvokerVersion = "4.1037.0";
}
