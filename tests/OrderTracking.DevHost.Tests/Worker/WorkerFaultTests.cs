using System.Net;
using System.Text.Json;
using OrderTracking.DevHost.Tests.Support;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Worker;

/// <summary>A worker that dies: restarted, no message lost, HTTP callers answered (503) rather than left hanging.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerFaultTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KilledMidInvocation_TheMessageIsRetriedByTheRestartedWorker_AndNotLost()
    {
        await using TestApp app = await TestApp.StartAsync(azurite.ConnectionString);
        int firstPid = app.Server.Workers[0].ProcessId!.Value;
        await app.SendAsync("WorkQueue", """{"id":"survivor","sleepMs":5000}""");
        await app.WaitForRecordsAsync("start", r => r.Count == 1, s_deadline);

        await app.Server.KillWorkerAsync(1);

        JsonElement done = (await app.WaitForRecordsAsync("done", r => r.Count == 1, s_deadline)).Single();
        Assert.Equal("survivor", done.GetProperty("key").GetString());
        Assert.Equal(2, done.GetProperty("dequeueCount").GetInt64());
        Assert.NotEqual(firstPid, done.GetProperty("processId").GetInt32());
        Assert.Equal(2, app.Server.Workers[0].Starts);
    }

    [Fact]
    public async Task KilledDuringAnHttpRequest_TheCallerGets503_ThenTheRestartedWorkerServes()
    {
        await using TestApp app = await TestApp.StartAsync(azurite.ConnectionString);
        var waiter = new InvocationWaiter(app.Server);
        Task<HttpResponseMessage> slow = app.Client.GetAsync("api/slow/10000");
        await app.WaitForRecordsAsync("slow", r => r.Count == 1, s_deadline); // the function is running (it sleeps 10 s)

        await app.Server.KillWorkerAsync(1);

        using HttpResponseMessage response = await slow.WaitAsync(s_deadline);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await app.Server.Workers[0].WaitUntilReadyAsync(CancellationToken.None).WaitAsync(s_deadline);
        Assert.Equal("status 200", await app.Client.GetStringAsync("api/status/200"));
        Assert.Contains(waiter.For("Slow"), r => !r.Succeeded);
    }

    [Fact]
    public async Task WorkerDown_HttpAnswers503WithRetryAfter_AfterTheWait_NotAHang()
    {
        await using TestApp app = await TestApp.StartAsync(azurite.ConnectionString, o => o.WorkerWaitTimeout = TimeSpan.FromMilliseconds(200));
        for (int kill = 1; kill <= 3; kill++)
        {
            // Each kill within a minute lengthens the restart back-off: at once, 1 s, then 2 s.
            await app.Server.Workers[0].WaitUntilReadyAsync(CancellationToken.None).WaitAsync(s_deadline);
            await app.Server.KillWorkerAsync(1);
        }

        using HttpResponseMessage response = await app.Client.GetAsync("api/status/200");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
        await app.Server.Workers[0].WaitUntilReadyAsync(CancellationToken.None).WaitAsync(s_deadline);
        Assert.Equal("status 200", await app.Client.GetStringAsync("api/status/200"));
        Assert.Equal(4, app.Server.Workers[0].Starts);
    }
}
