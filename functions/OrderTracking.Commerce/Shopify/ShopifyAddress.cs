namespace OrderTracking.Commerce.Shopify;

/// <summary>Wire shape of a Shopify address (only the name parts; the address itself is never stored).</summary>
internal sealed record ShopifyAddress(string? Name, string? FirstName, string? LastName, string? Phone = null);
