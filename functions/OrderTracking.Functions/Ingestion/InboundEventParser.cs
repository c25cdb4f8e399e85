using OrderTracking.Core.Orders;

namespace OrderTracking.Functions.Ingestion;

/// <summary>Turns an <see cref="InboundMessage"/> into the normalized event ingestion works on.</summary>
internal sealed partial class InboundEventParser(ILogger<InboundEventParser> logger)
{
    public Task<OrderEvent?> ToOrderEventAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (message.Type == InboundMessage.OrderEventType && message.Event is not null)
        {
            return Task.FromResult<OrderEvent?>(message.Event);
        }

        LogUnhandled(logger, message.Type);
        return Task.FromResult<OrderEvent?>(null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound message of type {Type} has nothing to ingest")]
    private static partial void LogUnhandled(ILogger logger, string type);
}
