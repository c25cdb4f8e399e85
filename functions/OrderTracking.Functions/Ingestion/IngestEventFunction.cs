using OrderTracking.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Ingestion;

/// <summary><c>IngestEvent</c>: queue <c>inbound-events</c> → orders and shipments.</summary>
internal sealed class IngestEventFunction(OrderIngestor ingestor, InboundEventParser parser, QueueTrigger trigger) : IQueueMessageHandler<InboundMessage>
{
    public const string Name = "IngestEvent";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(QueueNames.InboundEvents)] string message, CancellationToken cancellationToken) =>
        trigger.RunAsync(this, Name, QueueNames.InboundEvents, message, cancellationToken);

    public bool IsValid(InboundMessage message) => message.Type is not null;

    public async Task<string> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        OrderEvent? ev = await parser.ToOrderEventAsync(message, cancellationToken);
        if (ev is null)
        {
            return $"{Name}: event ignored";
        }

        IngestSummary summary = await ingestor.IngestAsync(ev, cancellationToken);
        return (
            $"{Name}: order {summary.OrderKey}: {summary.ShipmentsAdded} shipment(s) added, {summary.ShipmentsSkipped} without a known carrier");
    }
}
