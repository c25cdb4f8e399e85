namespace OrderTracking.Functions.Tracking;

/// <summary>The read model served to storefronts (DESIGN §9, contract). No address, name, email or phone.</summary>
internal sealed record TrackingResponse(string OrderKey, IReadOnlyList<ShipmentView> Shipments);
