using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Trace;
using OrderTracking.Carriers;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Registration;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;
using OrderTracking.Functions.Webhooks;
using OrderTracking.Testing.Hostile;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 14: one trace from the merchant's call to the customer's emails. A registration's span is the parent of the
/// ingestion, whose context rides the queue message and then the shipment row to every poll the timer starts, whose
/// context rides the notification messages to each email. Collected with OpenTelemetry's in-memory exporter.
/// </summary>
public sealed class TelemetryTraceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Registration_Ingest_Polls_AndEmails_AreOneTrace()
    {
        var spans = new List<Activity>();
        using TracerProvider tracing = Sdk.CreateTracerProviderBuilder().AddSource(Telemetry.Name).AddInMemoryExporter(spans).Build()!;
        var start = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        await using var sim = new StateMachineHarness(azurite, start, new Dictionary<string, string?> { ["Carriers:Sandbox:StepSeconds"] = "86400", ["Notifications:OrderConfirmed:Api"] = "false" });
        await sim.StartAsync();

        byte[] body = Encoding.UTF8.GetBytes("""{"orderId":"TRACE-1","email":"ana@example.com","shipments":[{"carrier":"sandbox","trackingNumber":"SBX4TRACE0001"}]}""");
        HttpAnswer answer = await InProcessHttp.CallAsync(
            http => RegisterShipmentsEndpoints.HandleAsync(http, sim.Get<CarrierResolver>(), sim.Get<InboundQueue>(), sim.Get<IOptions<TrackingOptions>>(), sim.Time,
                sim.Get<Microsoft.Extensions.Logging.ILoggerFactory>(), CancellationToken.None),
            request =>
            {
                request.Method = "POST";
                InProcessHttp.Body(request, "application/json", body);
            });
        Assert.Equal(200, answer.Status);
        await sim.RunUntilAsync(start.AddDays(10));
        tracing.ForceFlush();

        AssertOneTrace(spans, "register shipments", await TraceOfAsync(sim, "api:TRACE-1", "SBX4TRACE0001"));
    }

    [Fact]
    public async Task ShopifyWebhook_Ingest_Polls_AndEmails_AreOneTrace()
    {
        var spans = new List<Activity>();
        using TracerProvider tracing = Sdk.CreateTracerProviderBuilder().AddSource(Telemetry.Name).AddInMemoryExporter(spans).Build()!;
        var start = new DateTimeOffset(2026, 12, 20, 8, 0, 0, TimeSpan.Zero);
        const string secret = "shpss_trace_test_secret_0123456789";
        await using var sim = new StateMachineHarness(azurite, start, new Dictionary<string, string?>
        {
            ["Carriers:Sandbox:StepSeconds"] = "86400",
            ["Shopify:WebhookSecrets"] = secret,
        });
        await sim.StartAsync();

        byte[] body = Encoding.UTF8.GetBytes("""
            {"id":255858047,"order_id":450789470,"name":"#1002.1","email":"ana@example.com","status":"success",
             "created_at":"2026-12-20T03:00:00-05:00","tracking_company":"Sandbox","tracking_number":"SBX4TRACE0002",
             "tracking_numbers":["SBX4TRACE0002"],"tracking_url":null,"tracking_urls":[]}
            """);
        WebhookFunctions webhooks = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<WebhookFunctions>(sim.Get<IServiceProvider>());
        HttpAnswer answer = await InProcessHttp.CallAsync(
            http => webhooks.ShopifyAsync(http.Request, CancellationToken.None),
            request =>
            {
                request.Method = "POST";
                InProcessHttp.Body(request, "application/json", body);
                request.Headers["X-Shopify-Topic"] = "fulfillments/create";
                request.Headers["X-Shopify-Webhook-Id"] = "trace-wh-1";
                request.Headers["X-Shopify-Hmac-Sha256"] = Convert.ToBase64String(Signing.ShopifyMac(body, secret));
            });
        Assert.True(answer.Status == 200, answer.Body);
        await sim.RunUntilAsync(start.AddDays(10));
        tracing.ForceFlush();

        AssertOneTrace(spans, "webhook shopify", await TraceOfAsync(sim, "shopify:450789470", "SBX4TRACE0002"));
    }

    /// <summary>The trace the shipment row carries (the ingestion's context).</summary>
    private static async Task<ActivityTraceId> TraceOfAsync(StateMachineHarness sim, string orderKey, string number)
    {
        ShipmentRecord row = (await sim.Get<OrderStore>().GetShipmentAsync(orderKey, "sandbox", number, CancellationToken.None))!;
        Assert.True(ActivityContext.TryParse(row.TraceParent, null, out ActivityContext context), $"trace parent '{row.TraceParent}'");
        return context.TraceId;
    }

    /// <summary>
    /// The root span → one ingest span, its child → the polls of the shipment, each a child of the ingestion → the three
    /// milestone emails, each a child of the poll that found its milestone; no customer data in any tag.
    /// </summary>
    private static void AssertOneTrace(List<Activity> spans, string rootName, ActivityTraceId traceId)
    {
        Activity[] trace;
        lock (spans)
        {
            trace = [.. spans.Where(s => s.TraceId == traceId)]; // other tests in this process trace too
        }

        Activity root = Assert.Single(trace, s => s.DisplayName == rootName);

        Activity ingest = Assert.Single(trace, s => s.DisplayName == "ingest");
        Assert.Equal(root.SpanId, ingest.ParentSpanId);
        Activity[] polls = [.. trace.Where(s => s.DisplayName == "poll sandbox")];
        Assert.True(polls.Length >= 4, $"{polls.Length} polls in the trace"); // label, in transit, out for delivery, delivered
        Assert.All(polls, p => Assert.Equal(ingest.SpanId, p.ParentSpanId));
        string[] emails = [.. trace.Where(s => s.DisplayName.StartsWith("notify ", StringComparison.Ordinal)).Select(s => s.DisplayName).Order(StringComparer.Ordinal)];
        Assert.Equal(["notify delivered", "notify outForDelivery", "notify shipped"], emails);
        Assert.All(trace.Where(s => s.DisplayName.StartsWith("notify ", StringComparison.Ordinal)), n => Assert.Contains(polls, p => p.SpanId == n.ParentSpanId));
        Assert.DoesNotContain(trace.SelectMany(s => s.Tags), t => t.Value?.Contains("ana@example.com", StringComparison.Ordinal) == true); // no customer data in tags
    }
}
