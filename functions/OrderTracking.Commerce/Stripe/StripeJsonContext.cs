using System.Text.Json.Serialization;

namespace OrderTracking.Commerce.Stripe;

/// <summary>Source-generated JSON metadata for the Stripe wire types; snake_case, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StripeEvent))]
internal sealed partial class StripeJsonContext : JsonSerializerContext;
