namespace OrderTracking.Commerce.Shopify;

/// <summary>
/// Extra <see cref="OrderTracking.Core.Orders.OrderEvent.References"/> keys set by <see cref="ShopifyEventParser"/> for
/// fulfillment events: Core's <see cref="OrderTracking.Core.Orders.ShipmentInfo"/> has no status, so the platform's
/// fulfillment state travels here (open strings, as Shopify writes them).
/// </summary>
public static class ShopifyReferenceKeys
{
    /// <summary>Fulfillment <c>status</c>: <c>pending|open|success|cancelled|error|failure</c>.</summary>
    public const string FulfillmentStatus = "shopifyFulfillmentStatus";

    /// <summary>Fulfillment <c>shipment_status</c> (e.g. <c>in_transit</c>, <c>delivered</c>), when present.</summary>
    public const string ShipmentStatus = "shopifyShipmentStatus";
}
