using System.Text.Json;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Ingestion;

/// <summary>Writes <c>inbound-events</c> messages. A webhook is acknowledged only after this returns.</summary>
internal sealed class InboundQueue(StorageContext storage, TimeProvider time)
{
    public Task EnqueueAsync(OrderEvent ev, CancellationToken cancellationToken) =>
        SendAsync(new InboundMessage { Type = InboundMessage.OrderEventType, Event = ev, ReceivedAt = time.GetUtcNow() }, cancellationToken);

    public Task EnqueueRawAsync(string type, string body, CancellationToken cancellationToken) =>
        SendAsync(new InboundMessage { Type = type, Body = body, ReceivedAt = time.GetUtcNow() }, cancellationToken);

    private async Task SendAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.Queue(QueueNames.InboundEvents).SendMessageAsync(JsonSerializer.Serialize(message, Json.Options), cancellationToken: cancellationToken);
    }

    /// <summary>True for failures that mean "storage is unreachable or throttling": answer 503 so the sender retries.</summary>
    public static bool IsUnavailable(Exception ex) => StorageContext.IsUnavailable(ex);
}
