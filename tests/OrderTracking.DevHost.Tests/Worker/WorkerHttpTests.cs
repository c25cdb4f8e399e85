using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrderTracking.DevHost.Tests.Support;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Worker;

/// <summary>HTTP through the DevHost to the real isolated worker: gRPC invocation plus the proxied request (reference §3).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerHttpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite.ConnectionString, o => o.WorkerCount = 2);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Start_IndexesTheWorkersFunctionsOverGrpc()
    {
        Assert.Equal(
            ["Boom", "Echo", "Emit", "Enqueue", "Env", "Raw", "Secure", "Slow", "Status", "Tick", "Work"],
            _app.Server.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal("/api/status/{code:int}", _app.Server.RoutePattern(_app.Server.Functions.Single(f => f.Name == "Status")));
        Assert.All(_app.Server.Workers, w => Assert.Equal(OrderTracking.DevHost.Worker.WorkerState.Ready, w.State));
    }

    [Fact]
    public async Task Post_BodyBytesHeadersAndQuery_ReachTheWorkerUnchanged()
    {
        byte[] body = [0x00, 0xFF, 0xFE, 0x7B, 0x22, 0xC3, 0x28, 0x0A, 0x0D, .. Encoding.UTF8.GetBytes("{\"signed\": true }  ")];
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/echo/a/b%20c?x=1&x=2&code=zz&empty=") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        request.Headers.TryAddWithoutValidation("X-Shopify-Hmac-Sha256", "abc+/=");
        request.Headers.TryAddWithoutValidation("Stripe-Signature", "t=1,v1=deadbeef");

        using HttpResponseMessage response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = echo.RootElement;
        Assert.Equal(body, Convert.FromBase64String(root.GetProperty("body").GetString()!));
        Assert.Equal("POST", root.GetProperty("method").GetString());
        Assert.Equal("/api/echo/a/b c", root.GetProperty("path").GetString());
        Assert.Equal("?x=1&x=2&code=zz&empty=", root.GetProperty("query").GetString());
        JsonElement headers = root.GetProperty("headers");
        Assert.Equal("abc+/=", headers.GetProperty("X-Shopify-Hmac-Sha256").GetString());
        Assert.Equal("t=1,v1=deadbeef", headers.GetProperty("Stripe-Signature").GetString());
        Assert.Equal("application/json; charset=utf-8", headers.GetProperty("Content-Type").GetString());
        Assert.Equal(root.GetProperty("invocationId").GetString(), headers.GetProperty("x-ms-invocation-id").GetString());
        Assert.Equal(_app.Server.BaseAddress.Authority, headers.GetProperty("Host").GetString()); // X-Forwarded-Host honoured by the worker
    }

    [Fact]
    public async Task Get_SpreadsRequestsOverTheWorkers()
    {
        var processes = new HashSet<int>();
        for (int i = 0; i < 6; i++)
        {
            using JsonDocument echo = JsonDocument.Parse(await _app.Client.GetStringAsync("api/echo/x"));
            processes.Add(echo.RootElement.GetProperty("processId").GetInt32());
        }

        Assert.Equal(_app.Server.Workers.Select(w => w.ProcessId!.Value).ToHashSet(), processes);
    }

    [Fact]
    public async Task Keyed_WithoutOrWithWrongKey_Is401_WithHeaderOrCode_Is200()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client.GetAsync("api/secure")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client.GetAsync("api/secure?code=wrong-key")).StatusCode);
        Assert.Equal("secret ok", await _app.Client.GetStringAsync("api/secure?code=test-key"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/secure");
        request.Headers.Add("x-functions-key", "test-key");
        using HttpResponseMessage withHeader = await _app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
    }

    [Fact]
    public async Task RouteValue_IsBoundFromTriggerMetadata_AndTheFunctionsStatusAndHeadersPassThrough()
    {
        using HttpResponseMessage response = await _app.Client.GetAsync("api/status/418");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("418", response.Headers.GetValues("x-test-code").Single());
        Assert.Equal("status 418", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownRoute_WrongMethod_FailedConstraint_AreRejectedByTheHost()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Client.GetAsync("api/nothing-here")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Client.GetAsync("api/status/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _app.Client.DeleteAsync("api/echo/x")).StatusCode);
    }

    [Fact]
    public async Task ThrowingFunction_Answers500_NotTheWorkersEmpty200()
    {
        var waiter = new InvocationWaiter(_app.Server);
        using HttpResponseMessage response = await _app.Client.GetAsync("api/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        InvocationRecord record = (await waiter.WaitAsync("Boom", 1, TimeSpan.FromSeconds(10))).Single();
        Assert.False(record.Succeeded);
        Assert.Contains("boom on purpose", record.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("boom on purpose", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // no exception text to callers
    }

    [Fact]
    public async Task Settings_ReachTheWorkerEnvironment_WithSectionKeyAlsoAsDoubleUnderscore()
    {
        Assert.Equal(_app.Queues["WorkQueue"], await _app.Client.GetStringAsync("api/env/WorkQueue"));
        Assert.Equal(_app.RecordDirectory, await _app.Client.GetStringAsync("api/env/TestApp__RecordDirectory"));
        Assert.Equal("dotnet-isolated", await _app.Client.GetStringAsync("api/env/FUNCTIONS_WORKER_RUNTIME"));
        Assert.Equal(Path.GetFullPath(TestApp.AppRoot).TrimEnd('/'), (await _app.Client.GetStringAsync("api/env/FUNCTIONS_APPLICATION_DIRECTORY")).TrimEnd('/'));
        Assert.Equal("Development", await _app.Client.GetStringAsync("api/env/AZURE_FUNCTIONS_ENVIRONMENT"));
        Assert.Equal(azurite.ConnectionString, await _app.Client.GetStringAsync("api/env/AzureWebJobsStorage"));
    }

    [Fact]
    public async Task HttpWithQueueOutput_WritesTheMessageOnlyAfterSuccess()
    {
        using var ok = new HttpRequestMessage(HttpMethod.Post, "api/enqueue?code=test-key") { Content = new StringContent("""{"order":"A-1"}""", Encoding.UTF8, "application/json") };
        using var failing = new HttpRequestMessage(HttpMethod.Post, "api/enqueue?code=test-key") { Content = new StringContent("""{"fail":true}""", Encoding.UTF8, "application/json") };

        Assert.Equal(HttpStatusCode.Accepted, (await _app.Client.SendAsync(ok)).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await _app.Client.SendAsync(failing)).StatusCode);

        Assert.Equal(["""{"order":"A-1"}"""], await _app.DrainAsync("DoneQueue"));
    }

    [Fact]
    public async Task AdminStatus_ListsFunctionsAndWorkers_WithTheKeyOnly()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client.GetAsync("admin/host/status")).StatusCode);
        using JsonDocument status = JsonDocument.Parse(await _app.Client.GetStringAsync("admin/host/status?code=test-key"));

        Assert.Equal("isolated", status.RootElement.GetProperty("mode").GetString());
        Assert.Equal(11, status.RootElement.GetProperty("functions").GetArrayLength());
        JsonElement[] workers = [.. status.RootElement.GetProperty("workers").EnumerateArray()];
        Assert.Equal(2, workers.Length);
        Assert.All(workers, w => Assert.Equal("Ready", w.GetProperty("state").GetString()));
    }
}
