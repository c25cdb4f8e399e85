using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OrderTracking.Azure.Storage;
using OrderTracking.DevHost.Tests.Support;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Integration;

/// <summary>DevHosts over modified copies of the TestHandler app root.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DevHostVariantTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("enableForwardingHttpRequest", "")]
    [InlineData("enableProxyingHttpRequest", "chunked body")]
    public async Task ChunkedRequestBody_ForwardingDropsItProxyingStreamsIt(string mode, string expectedBody)
    {
        using AppRootCopy root = new AppRootCopy().Edit("host.json", h =>
        {
            h["customHandler"]!.AsObject().Remove("enableForwardingHttpRequest");
            h["customHandler"]![mode] = true;
        });
        await using DevHostServer server = await DevHostServer.StartAsync(new TestHandlerApp(azurite.ConnectionString, appRoot: root.Path).Options);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("chunked body"))); // no length: chunked
        content.Headers.ContentLength = null;

        using HttpResponseMessage response = await client.PostAsync("api/echo/x", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonNode echo = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(expectedBody, Encoding.UTF8.GetString(Convert.FromBase64String(echo["bodyBase64"]!.GetValue<string>())));
    }

    [Fact]
    public async Task RunOnStartup_YearlyTimer_FiresOnceAtStart()
    {
        using AppRootCopy root = new AppRootCopy().Edit("Tick/function.json", f => f["bindings"]![0]!["runOnStartup"] = true);
        await using DevHostServer server = await DevHostServer.StartAsync(new TestHandlerApp(azurite.ConnectionString, appRoot: root.Path).Options);
        using var waiter = new InvocationWaiter(server);

        IReadOnlyList<InvocationRecord> runs = await waiter.WaitAsync("Tick", 1, s_wait);

        Assert.True(runs[0].Succeeded);
    }

    [Fact]
    public async Task Start_HandlerThatExits_ThrowsWithItsOutput()
    {
        using AppRootCopy root = new AppRootCopy().Edit("host.json", h => h["customHandler"]!["description"]!["arguments"] = new JsonArray("no-such-handler.dll"));
        var app = new TestHandlerApp(azurite.ConnectionString, appRoot: root.Path);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => DevHostServer.StartAsync(app.Options));

        Assert.Contains("exited with code", ex.Message);
        Assert.Contains("no-such-handler.dll", ex.Message); // dotnet's own error line, captured from the handler's output
    }

    [Fact]
    public async Task Queue_BatchOfSlowMessages_RunConcurrentlyUpToBatchSize()
    {
        var app = new TestHandlerApp(azurite.ConnectionString);
        QueueClient work = azurite.QueueServiceClient.GetQueueClient(app.WorkQueue);
        await work.CreateIfNotExistsAsync();
        for (int i = 0; i < 4; i++)
        {
            await work.SendMessageAsync($$"""{"id":"b{{i}}","sleepMs":1500}""");
        }

        await using DevHostServer server = await DevHostServer.StartAsync(app.Options);
        using var waiter = new InvocationWaiter(server);
        await waiter.WaitAsync("QueueWork", 4, s_wait);

        IReadOnlyList<JsonObject> records = app.Records("QueueWork");
        DateTimeOffset lastStart = records.Max(r => r["startedAt"]!.GetValue<DateTimeOffset>());
        DateTimeOffset firstEnd = records.Min(r => r["endedAt"]!.GetValue<DateTimeOffset>());
        Assert.True(lastStart < firstEnd, "the four messages of one batch should be in flight together");
    }

    [Fact]
    public async Task QueueOutput_ValidBase64String_IsDecodedBeforeWritingLikeTheHost()
    {
        var app = new TestHandlerApp(azurite.ConnectionString);
        QueueClient work = azurite.QueueServiceClient.GetQueueClient(app.WorkQueue);
        await work.CreateIfNotExistsAsync();
        await using DevHostServer server = await DevHostServer.StartAsync(app.Options);
        using var waiter = new InvocationWaiter(server);

        await work.SendMessageAsync("""{"id":"q","emit":"eyJvayI6dHJ1ZX0="}""");
        await waiter.WaitAsync("QueueWork", 1, s_wait);

        QueueClient done = azurite.QueueServiceClient.GetQueueClient(app.DoneQueue);
        Assert.Equal("""{"ok":true}""", (await done.PeekMessagesAsync()).Single().MessageText);
    }

    [Fact]
    public async Task AdminRun_TimerWithMasterKey_Runs_WithoutKey_401()
    {
        var app = new TestHandlerApp(azurite.ConnectionString);
        await using DevHostServer server = await DevHostServer.StartAsync(app.Options);
        using var waiter = new InvocationWaiter(server);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using HttpResponseMessage anonymous = await client.PostAsync("admin/functions/Tick", new StringContent("""{"input":""}"""));
        using HttpResponseMessage keyed = await client.PostAsync("admin/functions/Tick?code=test-key-123", new StringContent("""{"input":""}"""));
        using HttpResponseMessage unknown = await client.PostAsync("admin/functions/Nope?code=test-key-123", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, keyed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True((await waiter.WaitAsync("Tick", 1, s_wait))[0].Succeeded);
    }
}
