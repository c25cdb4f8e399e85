namespace OrderTracking.Functions.Registration;

/// <summary>Body of <c>POST /api/shipments</c> (DESIGN §9, contract).</summary>
internal sealed record RegisterShipmentsRequest(
    string? OrderId, string? Email, string? Name, string? Locale, IReadOnlyList<RegisterShipmentItem>? Shipments);
