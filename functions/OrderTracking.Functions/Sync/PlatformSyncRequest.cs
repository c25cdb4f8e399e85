namespace OrderTracking.Functions.Sync;

/// <summary>A <c>platform-sync</c> message: write one shipment's tracking back to the platforms its order came from.</summary>
/// <param name="OrderKey">The order.</param>
/// <param name="Carrier">The shipment's carrier code.</param>
/// <param name="TrackingNumber">The shipment's number.</param>
/// <param name="Action">What to write; <c>track</c> (attach tracking) today.</param>
internal sealed record PlatformSyncRequest(string OrderKey, string Carrier, string TrackingNumber, string Action)
{
    public const string Track = "track";
}
