using System.Text.Json.Nodes;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Layout;

/// <summary>
/// The functions the Worker SDK generated for the build (<c>functions.metadata</c>) are exactly DESIGN §4's: names,
/// triggers, routes, methods, auth levels, queues and schedules — what storefronts, platforms and merchants call.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly Dictionary<string, JsonObject> s_functions = Read(Path.Combine(RepositoryLayout.FunctionAppOutput(Configuration), "functions.metadata"));

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void TheAppHasExactlyTheDesignsFunctions()
    {
        Assert.Equal(
            ["Dashboard", "Health", "IngestEvent", "Kpis", "OpsPoison", "OpsPoisonAction", "OpsSyncStatus", "PayPalWebhook", "PollCarrier", "RegisterShipments", "SchedulePolls", "SendNotification", "ShopifyWebhook", "StripeWebhook", "SweepShipments", "SyncPlatform", "TrackingApi", "TrackingLookup", "Unsubscribe", "Widget"],
            s_functions.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("StripeWebhook", "webhooks/stripe", "Anonymous", "post")]
    [InlineData("PayPalWebhook", "webhooks/paypal", "Anonymous", "post")]
    [InlineData("ShopifyWebhook", "webhooks/shopify", "Anonymous", "post")]
    [InlineData("RegisterShipments", "shipments", "Function", "post")]
    [InlineData("TrackingApi", "tracking/{orderKey}", "Anonymous", "get,options")]
    [InlineData("TrackingLookup", "tracking/lookup", "Anonymous", "post,options")]
    [InlineData("Unsubscribe", "unsubscribe", "Anonymous", "get,post")]
    [InlineData("Widget", "{asset:regex(^(widget\\.js|track)$)}", "Anonymous", "get")]
    [InlineData("Health", "health", "Anonymous", "get")]
    [InlineData("OpsSyncStatus", "ops/sync/{orderKey}", "Function", "get")]
    [InlineData("OpsPoison", "ops/poison", "Function", "get")]
    [InlineData("Kpis", "kpis", "Function", "get")]
    [InlineData("Dashboard", "dashboard", "Function", "get")]
    [InlineData("OpsPoisonAction", "ops/poison/{queue}/{action:regex(^(replay|discard)$)}", "Function", "post")]
    public void HttpFunctions_HaveTheContractRouteMethodsAndAuthLevel(string name, string route, string authLevel, string methods)
    {
        JsonObject trigger = Trigger(name, "httpTrigger");

        Assert.Equal(route, (string?)trigger["route"]);
        Assert.Equal(authLevel, (string?)trigger["authLevel"]);
        Assert.Equal(methods.Split(','), trigger["methods"]!.AsArray().Select(m => (string)m!));
    }

    [Theory]
    [InlineData("IngestEvent", "inbound-events")]
    [InlineData("PollCarrier", "poll-requests")]
    [InlineData("SendNotification", "notifications")]
    [InlineData("SyncPlatform", "platform-sync")]
    public void QueueFunctions_ReadTheContractQueues_AsText(string name, string queue)
    {
        JsonObject trigger = Trigger(name, "queueTrigger");

        Assert.Equal(queue, (string?)trigger["queueName"]);
        Assert.Equal("String", (string?)trigger["dataType"]);
        Assert.Single(s_functions[name]["bindings"]!.AsArray()); // no output bindings: storage goes through SDK clients
    }

    [Theory]
    [InlineData("SchedulePolls", "%PollSchedule%")]
    [InlineData("SweepShipments", "0 5 * * * *")]
    public void TimerFunctions_HaveTheirSchedules(string name, string schedule) =>
        Assert.Equal(schedule, (string?)Trigger(name, "timerTrigger")["schedule"]);

    private static JsonObject Trigger(string function, string type) =>
        s_functions[function]["bindings"]!.AsArray().OfType<JsonObject>().Single(b => (string?)b["type"] == type);

    private static Dictionary<string, JsonObject> Read(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!.AsArray().OfType<JsonObject>().ToDictionary(f => (string)f["name"]!, StringComparer.Ordinal);
}
