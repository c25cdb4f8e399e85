using OrderTracking.Core.Orders;

namespace OrderTracking.Functions.Ingestion;

/// <summary>
/// A message on <c>inbound-events</c>. Webhooks whose parsing is pure (Stripe, Shopify) and
/// <c>POST /api/shipments</c> enqueue the normalized <see cref="OrderEvent"/>: the queue's 64 KiB limit would not
/// hold a large raw order payload, and a malformed body must be rejected before anything is enqueued. PayPal events
/// need an API call to complete (the order's shipping and payer), so they travel raw and are parsed here.
/// </summary>
internal sealed record InboundMessage
{
    public const string OrderEventType = "orderEvent";
    public const string PayPalWebhookType = "paypalWebhook";

    public required string Type { get; init; }

    public OrderEvent? Event { get; init; }

    /// <summary>Raw, verified webhook body (PayPal only).</summary>
    public string? Body { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The W3C trace context of the request that sent it (see <see cref="Hosting.Telemetry"/>).</summary>
    public string? TraceParent { get; init; }
}
