using System.Text.Json.Serialization;

namespace OrderTracking.Carriers.Dhl.Wire;

// DHL Unified tracking, supermodelIoLogisticsTrackingShipments (openapi 1.3.1 [S30]; carriers.md §1.4, §3.4).
// Timestamps stay strings: they sometimes lack an offset [S31].

internal sealed record SupermodelIoLogisticsTrackingShipments(IReadOnlyList<Shipment>? Shipments);

internal sealed record Shipment(string? Id, string? Service, ShipmentEvent? Status, string? EstimatedTimeOfDelivery, IReadOnlyList<ShipmentEvent>? Events);

internal sealed record ShipmentEvent(string? Timestamp, Location? Location, string? StatusCode, string? Status, string? Description, string? Remark);

internal sealed record Location(Address? Address);

internal sealed record Address(string? CountryCode, string? PostalCode, string? AddressLocality);

internal sealed record Problem(string? Title, string? Detail, int? Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(SupermodelIoLogisticsTrackingShipments))]
[JsonSerializable(typeof(Problem))]
internal sealed partial class DhlJsonContext : JsonSerializerContext;
