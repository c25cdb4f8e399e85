namespace OrderTracking.Functions.Registration;

/// <summary>One shipment of <see cref="RegisterShipmentsRequest"/>; <see cref="Carrier"/> may be omitted (detected).</summary>
/// <param name="Carrier">Carrier code or name; detected from the number when omitted.</param>
/// <param name="TrackingNumber">The number (required).</param>
/// <param name="TrackingUrl">The merchant's tracking link, if any.</param>
/// <param name="Replaces">The number of a shipment of this order that this one replaces: that one is cancelled, with its PayPal tracker, and Shopify's fulfillment is updated to this number.</param>
/// <param name="Cancelled">True to cancel this (already registered) shipment instead of registering it.</param>
internal sealed record RegisterShipmentItem(string? Carrier, string? TrackingNumber, string? TrackingUrl, string? Replaces = null, bool Cancelled = false);
