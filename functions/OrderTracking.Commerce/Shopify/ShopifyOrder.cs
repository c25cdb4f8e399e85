namespace OrderTracking.Commerce.Shopify;

/// <summary>Wire shape of the Order webhook payload (reference §9.3); only the fields we read.</summary>
internal sealed record ShopifyOrder(
    long Id,
    string? AdminGraphqlApiId,
    string? Name,
    string? Email,
    string? ContactEmail,
    string? CustomerLocale,
    ShopifyCustomer? Customer,
    ShopifyAddress? ShippingAddress,
    ShopifyAddress? BillingAddress,
    IReadOnlyList<ShopifyFulfillment>? Fulfillments,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? CancelledAt,
    IReadOnlyList<string>? PaymentGatewayNames = null,
    string? Phone = null);
