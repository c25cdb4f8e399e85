namespace OrderTracking.Commerce;

/// <summary>What a platform event parser made of a payload.</summary>
public enum WebhookParseOutcome
{
    /// <summary>An event we handle, turned into an <see cref="OrderTracking.Core.Orders.OrderEvent"/>.</summary>
    Parsed,
    /// <summary>Well formed, but an event type (or object) we do not handle: acknowledge and drop.</summary>
    Ignored,
    /// <summary>Not JSON, or a handled event type lacking a required field.</summary>
    Malformed,
}
