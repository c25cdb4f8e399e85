using System.Text.Json.Nodes;
using OrderTracking.DevHost.Tests.Support;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed class DevHostTimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Timer_EverySecondSlowerThanSchedule_FiresFromSettingAndNeverOverlaps()
    {
        // function.json says "schedule": "%TickSchedule%".
        var app = new TestHandlerApp(azurite.ConnectionString, tickSchedule: "*/1 * * * * *");
        app.Options.Settings["TestHandler:TickDelayMs"] = "1500";
        await using DevHostServer server = await DevHostServer.StartAsync(app.Options);
        using var waiter = new InvocationWaiter(server);

        IReadOnlyList<InvocationRecord> runs = await waiter.WaitAsync("Tick", 3, TimeSpan.FromSeconds(30));

        Assert.All(runs, r => Assert.True(r.Succeeded));
        IReadOnlyList<JsonObject> records = app.Records("Tick");
        for (int i = 1; i < records.Count; i++)
        {
            Assert.True(
                records[i]["startedAt"]!.GetValue<DateTimeOffset>() >= records[i - 1]["endedAt"]!.GetValue<DateTimeOffset>(),
                $"run {i} started before run {i - 1} ended");
        }

        JsonNode envelope = JsonNode.Parse(records[0]["body"]!.GetValue<string>())!;
        Assert.True(envelope["Data"]!["timer"]!["Schedule"]!["AdjustForDST"]!.GetValue<bool>());
        Assert.Null(envelope["Data"]!["timer"]!["ScheduleStatus"]);
        Assert.Equal(["sys"], envelope["Metadata"]!.AsObject().Select(p => p.Key));
        Assert.Contains("[Tick] tick", server.HandlerLogs);
    }

    [Fact]
    public async Task InvokeTimerAsync_YearlySchedule_RunsNowAndRejectsNonTimers()
    {
        var app = new TestHandlerApp(azurite.ConnectionString);
        await using DevHostServer server = await DevHostServer.StartAsync(app.Options);

        InvocationResult result = await server.InvokeTimerAsync("Tick");

        Assert.True(result.Succeeded);
        Assert.Equal(["tick"], result.Logs);
        Assert.Single(app.Records("Tick"));
        await Assert.ThrowsAsync<ArgumentException>(() => server.InvokeTimerAsync("QueueWork"));
    }
}
