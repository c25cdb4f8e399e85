namespace OrderTracking.Functions.Registration;

/// <summary>One shipment of <see cref="RegisterShipmentsRequest"/>; <see cref="Carrier"/> may be omitted (detected).</summary>
internal sealed record RegisterShipmentItem(string? Carrier, string? TrackingNumber, string? TrackingUrl);
