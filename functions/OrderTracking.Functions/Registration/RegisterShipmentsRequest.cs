namespace OrderTracking.Functions.Registration;

/// <summary>
/// Body of <c>POST /api/shipments</c> (DESIGN §9, contract). <c>orderId</c> registers an <c>api:</c> order of the
/// merchant's own; <c>orderKey</c> (one or the other) names an order a platform sent, e.g. <c>stripe:pi_…</c> or
/// <c>shopify:450789469</c>, so its tracking is written back there. <c>phone</c> (E.164) and <c>sms: true</c> ask for
/// texts at out for delivery, delivered and exception.
/// </summary>
internal sealed record RegisterShipmentsRequest(
    string? OrderId, string? Email, string? Name, string? Locale, IReadOnlyList<RegisterShipmentItem>? Shipments, string? OrderKey = null,
    string? Phone = null, bool? Sms = null);
