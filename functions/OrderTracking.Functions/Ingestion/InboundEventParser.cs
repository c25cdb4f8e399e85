using System.Text;
using OrderTracking.Commerce;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Core.Orders;

namespace OrderTracking.Functions.Ingestion;

/// <summary>
/// Turns an <see cref="InboundMessage"/> into the normalized event ingestion works on. PayPal events are completed
/// here (the Orders API call); its transient failures throw, so the queue retries the message.
/// </summary>
internal sealed partial class InboundEventParser(PayPalEventParser payPal, ILogger<InboundEventParser> logger)
{
    public async Task<OrderEvent?> ToOrderEventAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case InboundMessage.OrderEventType when message.Event is not null:
                return message.Event;
            case InboundMessage.PayPalWebhookType when message.Body is not null:
                WebhookParseResult parsed = await payPal.ParseAsync(Encoding.UTF8.GetBytes(message.Body), cancellationToken);
                if (parsed.Outcome != WebhookParseOutcome.Parsed)
                {
                    LogPayPalNotParsed(logger, parsed.EventType ?? "?", parsed.Outcome, parsed.Error ?? string.Empty);
                }

                return parsed.Event;
            default:
                LogUnhandled(logger, message.Type);
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound message of type {Type} has nothing to ingest")]
    private static partial void LogUnhandled(ILogger logger, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PayPal event {EventType} not ingested: {Outcome} {Error}")]
    private static partial void LogPayPalNotParsed(ILogger logger, string eventType, WebhookParseOutcome outcome, string error);
}
