using OrderTracking.Core.Orders;

namespace OrderTracking.Commerce;

/// <summary>Result of parsing one platform webhook payload.</summary>
/// <param name="Outcome">Parsed, Ignored or Malformed.</param>
/// <param name="Event">The normalized event when <paramref name="Outcome"/> is <see cref="WebhookParseOutcome.Parsed"/>.</param>
/// <param name="EventType">The platform's event type or topic, when it could be read.</param>
/// <param name="EventId">The platform's event/delivery id, when it could be read (for duplicate suppression).</param>
/// <param name="Error">A short reason for Ignored/Malformed; never contains payload content.</param>
public sealed record WebhookParseResult(WebhookParseOutcome Outcome, OrderEvent? Event, string? EventType, string? EventId, string? Error)
{
    internal static WebhookParseResult Parsed(OrderEvent orderEvent, string? eventType) =>
        new(WebhookParseOutcome.Parsed, orderEvent, eventType, orderEvent.EventId, null);

    internal static WebhookParseResult Ignored(string? eventType, string? eventId, string reason) =>
        new(WebhookParseOutcome.Ignored, null, eventType, eventId, reason);

    internal static WebhookParseResult Malformed(string? eventType, string? eventId, string error) =>
        new(WebhookParseOutcome.Malformed, null, eventType, eventId, error);
}
