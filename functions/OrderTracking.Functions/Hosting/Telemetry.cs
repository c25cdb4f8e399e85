using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrderTracking.Functions.Hosting;

/// <summary>
/// The app's traces and metrics (OpenTelemetry names; exported to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, see Program.cs). One trace follows an order: the webhook or
/// registration that brought it, its ingestion, each poll of its shipment and each email and text. The trace context
/// travels in the queue messages (<c>traceParent</c>) and, between the ingestion and the polls the timer starts, on the
/// shipment row. Tags never hold customer data: sources, carriers, milestones, outcomes.
/// </summary>
internal static class Telemetry
{
    public const string Name = "OrderTracking";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);

    public static readonly Counter<long> Webhooks = s_meter.CreateCounter<long>("ordertracking.webhooks", description: "Webhooks and registrations answered, by source and outcome (accepted, or the rejection reason)");
    public static readonly Counter<long> CarrierCalls = s_meter.CreateCounter<long>("ordertracking.carrier.calls", description: "Carrier API calls by carrier and outcome (found, notFound, throttled, failed)");
    public static readonly Counter<long> CarrierThrottled = s_meter.CreateCounter<long>("ordertracking.carrier.throttled", description: "Carrier answers 429 (or a cool-down), by carrier");
    public static readonly Histogram<double> CarrierLatency = s_meter.CreateHistogram<double>("ordertracking.carrier.duration", unit: "ms", description: "Carrier call duration by carrier");
    public static readonly Counter<long> Messages = s_meter.CreateCounter<long>("ordertracking.notifications", description: "Emails and texts by channel, milestone and outcome (sent, failed, unknown)");
    public static readonly Counter<long> WriteBacks = s_meter.CreateCounter<long>("ordertracking.writebacks", description: "Write-backs by platform and outcome (done, failed)");
    public static readonly Gauge<long> PoisonLength = s_meter.CreateGauge<long>("ordertracking.queue.poison.length", description: "Messages in each poison queue (read every SchedulePolls tick); the Bicep alert fires above 0");
    public static readonly Histogram<double> QueueAge = s_meter.CreateHistogram<double>("ordertracking.queue.age", unit: "s", description: "Time from enqueue to handling, by queue");

    /// <summary>The current trace context as a W3C <c>traceparent</c>, to carry in a message or on a row.</summary>
    public static string? CurrentTraceParent => Activity.Current?.IdFormat == ActivityIdFormat.W3C ? Activity.Current.Id : null;

    /// <summary>Starts a span; a valid <paramref name="traceParent"/> makes it a child of the span that sent the work.</summary>
    public static Activity? Start(string name, string? traceParent = null, ActivityKind kind = ActivityKind.Internal) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out ActivityContext parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);
}
