using System.Text.Json;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Ingestion;

/// <summary><c>IngestEvent</c>: queue <c>inbound-events</c> → orders and shipments.</summary>
internal sealed class IngestEventFunction(OrderIngestor ingestor, InboundEventParser parser, StorageContext storage, DeadLetter deadLetter) : IQueueMessageHandler
{
    public const string Name = "IngestEvent";

    public async Task<InvocationResponse> HandleAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        InboundMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<InboundMessage>(invocation.MessageText, Json.Options);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            return await deadLetter.SendAsync(QueueNames.InboundEvents, invocation.MessageText, "not an inbound event", cancellationToken);
        }

        await storage.EnsureCreatedAsync(cancellationToken);
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
