using System.Text.Json.Serialization;

namespace OrderTracking.Carriers.Usps.Wire;

// USPS Package Tracking and Notification v3 (tracking.yaml [S20]; carriers.md §1.3, §3.3). Only what we read.
// Timestamps stay strings: USPS sends local times without an offset next to GMT ones.

internal sealed record TokenRequest(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("grant_type")] string GrantType);

internal sealed record TrackingDetails(
    string? TrackingNumber,
    string? Status,
    string? StatusCategory,
    string? ExpectedDeliveryTimeStamp,
    string? PredictedDeliveryDate,
    IReadOnlyList<TrackingEvent>? TrackingEvents);

internal sealed record TrackingEvent(
    string? EventType,
    string? EventTimestamp,
    [property: JsonPropertyName("GMTTimestamp")] string? GmtTimestamp,
    [property: JsonPropertyName("GMTOffset")] string? GmtOffset,
    string? EventCity,
    string? EventState,
    string? EventCountry,
    string? EventCode);

internal sealed record ErrorMessage(string? ApiVersion, ErrorBody? Error);

internal sealed record ErrorBody(string? Code, string? Message, IReadOnlyList<ErrorItem>? Errors);

internal sealed record ErrorItem(string? Status, string? Code, string? Detail);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TrackingDetails))]
[JsonSerializable(typeof(ErrorMessage))]
internal sealed partial class UspsJsonContext : JsonSerializerContext;
