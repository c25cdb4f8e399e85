using OrderTracking.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Ingestion;

/// <summary>
/// <c>IngestEvent</c>: queue <c>inbound-events</c> → orders and shipments. A platform event already ingested (its id in
/// <c>WebhookReceipts</c>, today or yesterday) is skipped: the platforms redeliver, and this check is here rather than
/// on the webhook's acknowledgement path. The receipt is written after the ingest, best effort: a crash in between
/// only means the next delivery is ingested again, which changes nothing.
/// </summary>
internal sealed partial class IngestEventFunction(
    OrderIngestor ingestor, InboundEventParser parser, WebhookReceiptStore receipts, QueueTrigger trigger, TimeProvider time, ILogger<IngestEventFunction> logger)
    : IQueueMessageHandler<InboundMessage>
{
    public const string Name = "IngestEvent";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(QueueNames.InboundEvents)] string message, CancellationToken cancellationToken) =>
        trigger.RunAsync(this, Name, QueueNames.InboundEvents, message, cancellationToken);

    public bool IsValid(InboundMessage message) => message.Type is not null;

    public async Task<string> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        using System.Diagnostics.Activity? span = Telemetry.Start("ingest", message.TraceParent, System.Diagnostics.ActivityKind.Consumer);
        Telemetry.QueueAge.Record(Math.Max(0, (time.GetUtcNow() - message.ReceivedAt).TotalSeconds), new KeyValuePair<string, object?>("queue", QueueNames.InboundEvents));
        OrderEvent? ev = await parser.ToOrderEventAsync(message, cancellationToken);
        if (ev is null)
        {
            return $"{Name}: event ignored";
        }

        DateTimeOffset now = time.GetUtcNow();
        if (ev.EventId is { Length: > 0 } id && await receipts.SeenAsync(ev.Source, id, now, cancellationToken))
        {
            return $"{Name}: {ev.Source} event for order {ev.OrderKey} is a duplicate delivery; skipped";
        }

        IngestSummary summary = await ingestor.IngestAsync(ev, cancellationToken);
        if (ev.EventId is { Length: > 0 } eventId)
        {
            try
            {
                await receipts.RecordAsync(ev.Source, eventId, now, cancellationToken);
            }
            catch (global::Azure.RequestFailedException ex)
            {
                LogReceiptFailed(logger, ev.Source, ex.Status);
            }
        }

        return (
            $"{Name}: order {summary.OrderKey}: {summary.ShipmentsAdded} shipment(s) added, {summary.ShipmentsSkipped} without a known carrier");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} event ingested but its receipt not recorded (HTTP {Status}); a redelivery is ingested again, harmlessly")]
    private static partial void LogReceiptFailed(ILogger logger, string source, int status);
}
