using OrderTracking.Core.Orders;
using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Ingestion;

/// <summary><c>IngestEvent</c>: queue <c>inbound-events</c> → orders and shipments.</summary>
internal sealed class IngestEventFunction(OrderIngestor ingestor, InboundEventParser parser) : IQueueMessageHandler<InboundMessage>
{
    public const string Name = "IngestEvent";

    public bool IsValid(InboundMessage message) => message.Type is not null;

    public async Task<InvocationResponse> HandleAsync(InboundMessage message, QueueInvocation invocation, CancellationToken cancellationToken)
    {
        OrderEvent? ev = await parser.ToOrderEventAsync(message, cancellationToken);
        if (ev is null)
        {
            return InvocationResponse.WithLogs($"{Name}: event ignored");
        }

        IngestSummary summary = await ingestor.IngestAsync(ev, cancellationToken);
        return InvocationResponse.WithLogs(
            $"{Name}: order {summary.OrderKey}: {summary.ShipmentsAdded} shipment(s) added, {summary.ShipmentsSkipped} without a known carrier");
    }
}
