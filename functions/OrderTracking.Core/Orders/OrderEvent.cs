namespace OrderTracking.Core.Orders;

/// <summary>
/// One platform event, normalized: what ingestion needs to upsert an order and its shipments.
/// Produced by the commerce parsers and by <c>POST /api/shipments</c>; carried on the <c>inbound-events</c> queue.
/// </summary>
public sealed record OrderEvent
{
    /// <summary>Source (see <see cref="OrderSources"/>).</summary>
    public required string Source { get; init; }

    /// <summary>The platform's id for the order; with <see cref="Source"/> it forms the order key.</summary>
    public required string ExternalId { get; init; }

    /// <summary>The order key (DESIGN §5).</summary>
    public string OrderKey => Orders.OrderKey.Create(Source, ExternalId);

    /// <summary>What happened.</summary>
    public OrderEventKind Kind { get; init; } = OrderEventKind.Upsert;

    /// <summary>The provider's event id (for duplicate suppression), if any.</summary>
    public string? EventId { get; init; }

    /// <summary>When the platform says the event happened; used to ignore stale updates.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>The human order number customers know (e.g. Shopify <c>#1001</c>), for lookup and emails.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>Customer contact, when the event carries it.</summary>
    public CustomerInfo? Customer { get; init; }

    /// <summary>Platform references for write-back (see <see cref="PlatformReferenceKeys"/>).</summary>
    public IReadOnlyDictionary<string, string> References { get; init; } = new Dictionary<string, string>();

    /// <summary>Shipments named by this event (may be empty for an order without fulfillment yet).</summary>
    public IReadOnlyList<ShipmentInfo> Shipments { get; init; } = [];

    /// <summary>Shipments this event cancels (a cancelled Shopify fulfillment, a label the merchant voided).</summary>
    public IReadOnlyList<ShipmentCancellation> CancelledShipments { get; init; } = [];
}
