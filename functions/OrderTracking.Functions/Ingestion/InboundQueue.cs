using OrderTracking.Functions.Hosting;
using System.Text;
using System.Text.Json;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Ingestion;

/// <summary>Writes <c>inbound-events</c> messages. A webhook is acknowledged only after this returns.</summary>
internal sealed class InboundQueue(StorageContext storage, TimeProvider time)
{
    /// <summary>
    /// The largest message text: a queue message holds 64 KiB once Base64-encoded, which is 48 KiB of UTF-8. Checked
    /// here, after JSON escaping (which can multiply a body's size), so an oversized event is refused with a 413 rather
    /// than failing in the storage call.
    /// </summary>
    public const int MaxMessageBytes = 48 * 1024;

    public Task EnqueueAsync(OrderEvent ev, CancellationToken cancellationToken) =>
        SendAsync(new InboundMessage { Type = InboundMessage.OrderEventType, Event = ev, ReceivedAt = time.GetUtcNow(), TraceParent = Telemetry.CurrentTraceParent }, cancellationToken);

    public Task EnqueueRawAsync(string type, string body, CancellationToken cancellationToken) =>
        SendAsync(new InboundMessage { Type = type, Body = body, ReceivedAt = time.GetUtcNow(), TraceParent = Telemetry.CurrentTraceParent }, cancellationToken);

    private async Task SendAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        string text = JsonSerializer.Serialize(message, Json.Options);
        int bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxMessageBytes)
        {
            throw new InboundMessageTooLargeException(bytes);
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.Queue(QueueNames.InboundEvents).SendMessageAsync(text, cancellationToken: cancellationToken);
    }

    /// <summary>True for failures that mean "storage is unreachable or throttling": answer 503 so the sender retries.</summary>
    public static bool IsUnavailable(Exception ex) => StorageContext.IsUnavailable(ex);
}

/// <summary>The event does not fit in one queue message (<see cref="InboundQueue.MaxMessageBytes"/>); answer 413.</summary>
internal sealed class InboundMessageTooLargeException(int bytes)
    : Exception($"The event is {bytes} bytes once queued; at most {InboundQueue.MaxMessageBytes} fit in a queue message.")
{
    public int Bytes { get; } = bytes;
}
