using System.Text.Json.Serialization;

namespace OrderTracking.Commerce.PayPal;

/// <summary>Source-generated JSON metadata for the PayPal wire types; snake_case, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(PayPalEvent))]
[JsonSerializable(typeof(PayPalTokenResponse))]
[JsonSerializable(typeof(PayPalVerifyResponse))]
internal sealed partial class PayPalJsonContext : JsonSerializerContext;
