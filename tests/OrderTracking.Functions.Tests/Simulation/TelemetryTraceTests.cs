using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Trace;
using OrderTracking.Carriers;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Registration;
using OrderTracking.Functions.Tracking;
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

        Activity register;
        Activity[] trace;
        lock (spans)
        {
            register = Assert.Single(spans, s => s.DisplayName == "register shipments");
            trace = [.. spans.Where(s => s.TraceId == register.TraceId)];
        }

        Activity ingest = Assert.Single(trace, s => s.DisplayName == "ingest");
        Assert.Equal(register.SpanId, ingest.ParentSpanId);
        Activity[] polls = [.. trace.Where(s => s.DisplayName == "poll sandbox")];
        Assert.True(polls.Length >= 4, $"{polls.Length} polls in the trace"); // label, in transit, out for delivery, delivered
        Assert.All(polls, p => Assert.Equal(ingest.SpanId, p.ParentSpanId));
        string[] emails = [.. trace.Where(s => s.DisplayName.StartsWith("notify ", StringComparison.Ordinal)).Select(s => s.DisplayName).Order(StringComparer.Ordinal)];
        Assert.Equal(["notify delivered", "notify outForDelivery", "notify shipped"], emails);
        Assert.All(trace.Where(s => s.DisplayName.StartsWith("notify ", StringComparison.Ordinal)), n => Assert.Contains(polls, p => p.SpanId == n.ParentSpanId));
        Assert.DoesNotContain(trace.SelectMany(s => s.Tags), t => t.Value?.Contains("ana@example.com", StringComparison.Ordinal) == true); // no customer data in tags
    }
}
