namespace OrderTracking.Commerce.Shopify;

/// <summary>Wire shape of <c>order.customer</c>.</summary>
internal sealed record ShopifyCustomer(string? Email, string? FirstName, string? LastName, string? Locale, string? Phone = null);
