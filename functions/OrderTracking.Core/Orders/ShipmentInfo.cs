namespace OrderTracking.Core.Orders;

/// <summary>A shipment as a platform or merchant names it, before carrier resolution.</summary>
/// <param name="TrackingNumber">The tracking number as given.</param>
/// <param name="CarrierName">The carrier as the platform wrote it ("UPS", "DHL Express", "ups"...), or null.</param>
/// <param name="TrackingUrl">The platform's tracking URL, if any.</param>
/// <param name="PlatformShipmentId">The platform's id for this shipment (e.g. Shopify fulfillment id), if any.</param>
public sealed record ShipmentInfo(string TrackingNumber, string? CarrierName = null, string? TrackingUrl = null, string? PlatformShipmentId = null);
