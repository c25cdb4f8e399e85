using System.Net;
using System.Text.Json;
using OrderTracking.DevHost.Tests.Support;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Worker;

/// <summary>Timer triggers: NCRONTAB from a setting, no overlap, schedule status, one runner for several workers (reference §5).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerTimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EverySecondSchedule_FiresOnSchedule_AndRunsNeverOverlap_WithTwoWorkers()
    {
        await using TestApp app = await TestApp.StartAsync(azurite.ConnectionString, o =>
        {
            o.WorkerCount = 2;
            o.Settings["TickSleepMs"] = "1500";
        }, tickSchedule: "*/1 * * * * *");

        IReadOnlyList<JsonElement> ticks = await app.WaitForRecordsAsync("tick", r => r.Count >= 3, TimeSpan.FromSeconds(30));

        var runs = ticks.Select(t => (Start: t.GetProperty("started").GetDateTime(), End: t.GetProperty("ended").GetDateTime())).OrderBy(r => r.Start).ToArray();
        for (int i = 1; i < runs.Length; i++)
        {
            Assert.True(runs[i].Start >= runs[i - 1].End, $"run {i} started {runs[i].Start:O} before run {i - 1} ended {runs[i - 1].End:O}");
        }

        Assert.All(ticks, t => Assert.False(t.GetProperty("IsPastDue").GetBoolean()));
        Assert.All(ticks, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("last").ValueKind)); // sub-minute schedule: no monitor
    }

    [Fact]
    public async Task ManualRun_OfAMonitoredSchedule_PassesTheScheduleStatus()
    {
        await using TestApp app = await TestApp.StartAsync(azurite.ConnectionString);

        InvocationResult first = await app.Server.InvokeTimerAsync("Tick");
        InvocationResult second = await app.Server.InvokeTimerAsync("Tick");

        Assert.True(first.Succeeded, first.Error);
        Assert.True(second.Succeeded, second.Error);
        JsonElement[] ticks = [.. app.Records("tick")];
        Assert.Equal(2, ticks.Length);
        DateTime nextNewYear = new(DateTime.UtcNow.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(nextNewYear, ticks[1].GetProperty("next").GetDateTime().ToUniversalTime());
        Assert.True(ticks[1].GetProperty("last").GetDateTime() > DateTime.UtcNow.AddMinutes(-5)); // the first run
    }

    [Fact]
    public async Task AdminRun_FiresATimer_AndRunsAQueueFunctionWithTheGivenInput()
    {
        await using TestApp app = await TestApp.StartAsync(azurite.ConnectionString);
        using var timer = new HttpRequestMessage(HttpMethod.Post, "admin/functions/Tick?code=test-key") { Content = new StringContent("{}") };
        using var queue = new HttpRequestMessage(HttpMethod.Post, "admin/functions/Work?code=test-key") { Content = new StringContent("""{"input":"{\"id\":\"by-admin\"}"}""") };

        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(timer)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client.SendAsync(queue)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.PostAsync("admin/functions/Echo?code=test-key", new StringContent("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.PostAsync("admin/functions/Tick", new StringContent("{}"))).StatusCode);

        await app.WaitForRecordsAsync("tick", r => r.Count == 1, TimeSpan.FromSeconds(30));
        await app.WaitForRecordsAsync("done", r => r.Any(d => d.GetProperty("key").GetString() == "by-admin"), TimeSpan.FromSeconds(30));
    }
}
