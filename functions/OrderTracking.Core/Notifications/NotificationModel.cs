namespace OrderTracking.Core.Notifications;

/// <summary>Everything a milestone email shows. Values are untrusted text; the renderer escapes them.</summary>
/// <param name="Milestone">Which email.</param>
/// <param name="Locale">The customer's BCP 47 locale (<c>es</c>, <c>es-MX</c> → Spanish; anything else, or null, → English).</param>
/// <param name="OrderNumber">The order number the customer knows (e.g. <c>#1001</c>).</param>
/// <param name="CustomerName">The customer's name, if known (untrusted input).</param>
/// <param name="Carrier">Carrier code (<c>ups</c>, <c>fedex</c>, <c>usps</c>, <c>dhl</c>, <c>sandbox</c>) or a display name.</param>
/// <param name="TrackingNumber">The tracking number.</param>
/// <param name="Eta">Estimated delivery, if known; shown as a date in its own offset (not for delivered).</param>
/// <param name="TrackingLink">Absolute http(s) link to the tracking page, with its read token (DESIGN §9).</param>
/// <param name="StatusReason">A <see cref="Tracking.TrackingReason"/> value, shown for exception and delayed emails.</param>
public sealed record NotificationModel(
    Milestone Milestone,
    string? Locale,
    string OrderNumber,
    string? CustomerName,
    string Carrier,
    string TrackingNumber,
    DateTimeOffset? Eta,
    Uri TrackingLink,
    string? StatusReason = null);
