using System.Text.Json.Serialization;

namespace OrderTracking.Commerce.Shopify;

/// <summary>Source-generated (reflection-free) JSON metadata for the Shopify wire types; snake_case, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ShopifyOrder))]
[JsonSerializable(typeof(ShopifyFulfillment))]
internal sealed partial class ShopifyJsonContext : JsonSerializerContext;
