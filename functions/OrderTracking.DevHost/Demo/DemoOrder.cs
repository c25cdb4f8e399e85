namespace OrderTracking.DevHost.Demo;

/// <summary>The seeded demo order.</summary>
/// <param name="OrderKey">The order key.</param>
/// <param name="TrackingNumber">The sandbox tracking number.</param>
/// <param name="TrackingUrl">The read API URL, with a read token.</param>
/// <param name="PageUrl">The customer's tracking page (<c>/api/track</c>), with the same token.</param>
internal sealed record DemoOrder(string OrderKey, string TrackingNumber, Uri TrackingUrl, Uri PageUrl);
