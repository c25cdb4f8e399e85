namespace OrderTracking.DevHost.Demo;

/// <summary>The seeded demo order.</summary>
internal sealed record DemoOrder(string OrderKey, string TrackingNumber, Uri TrackingUrl);
