namespace OrderTracking.Commerce.Shopify;

/// <summary>Wire shape of the Fulfillment webhook payload and of <c>order.fulfillments[]</c> (reference §9.3).</summary>
internal sealed record ShopifyFulfillment(
    long Id,
    long OrderId,
    string? AdminGraphqlApiId,
    string? Name,
    string? Status,
    string? ShipmentStatus,
    string? TrackingCompany,
    string? TrackingNumber,
    IReadOnlyList<string?>? TrackingNumbers,
    string? TrackingUrl,
    IReadOnlyList<string?>? TrackingUrls,
    string? Email,
    ShopifyAddress? Destination,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt);
