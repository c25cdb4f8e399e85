namespace OrderTracking.DevHost.Demo;

/// <summary>The seeded demo order.</summary>
internal sealed record DemoOrder(string OrderKey, string TrackingNumber, Uri TrackingUrl)
{
    /// <summary>The customer's tracking page (<c>/api/track</c>) for the order, with its read token.</summary>
    public Uri PageUrl { get; init; } = TrackingUrl;
}
