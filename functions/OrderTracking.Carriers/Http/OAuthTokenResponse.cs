using System.Text.Json.Serialization;

namespace OrderTracking.Carriers.Http;

/// <summary>
/// The client-credentials token body UPS, FedEx and USPS share (RFC 6749 §5.1). UPS and USPS send
/// <c>expires_in</c> as a string, FedEx as a number (carriers.md §1.1, §1.3): both are accepted.
/// </summary>
internal sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? ExpiresIn);

[JsonSerializable(typeof(OAuthTokenResponse))]
internal sealed partial class OAuthJsonContext : JsonSerializerContext;
