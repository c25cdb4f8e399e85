namespace OrderTracking.Core.Orders;

/// <summary>A shipment as a platform or merchant names it, before carrier resolution.</summary>
/// <param name="TrackingNumber">The tracking number as given.</param>
/// <param name="CarrierName">The carrier as the platform wrote it ("UPS", "DHL Express", "ups"...), or null.</param>
/// <param name="TrackingUrl">The platform's tracking URL, if any.</param>
/// <param name="PlatformShipmentId">The platform's id for this shipment (e.g. Shopify fulfillment id), if any.</param>
/// <param name="Replaces">The tracking number of a shipment of the same order that this one replaces (a corrected label):
/// that shipment is cancelled and its write-back moves to this one.</param>
public sealed record ShipmentInfo(string TrackingNumber, string? CarrierName = null, string? TrackingUrl = null, string? PlatformShipmentId = null, string? Replaces = null);

/// <summary>A shipment the platform or merchant cancelled: matched by number and, when given, the platform's shipment id.</summary>
/// <param name="TrackingNumber">The cancelled shipment's tracking number.</param>
/// <param name="PlatformShipmentId">The platform's id for it (a cancelled Shopify fulfillment), or null to match the number alone.</param>
public sealed record ShipmentCancellation(string TrackingNumber, string? PlatformShipmentId = null);
