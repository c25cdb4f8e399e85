using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Sandbox;

/// <summary>Texts, places and raw codes of the sandbox's scripted events.</summary>
internal static class SandboxEvents
{
    private const string Country = "US";

    public static TrackingEvent Create(TrackingStatus status, DateTimeOffset time, SandboxRoute route)
    {
        (string description, string rawCode, (string City, string Region) place) = status switch
        {
            TrackingStatus.LabelCreated => ("Shipping label created, carrier awaiting item", "LC", route.Origin),
            TrackingStatus.InTransit => ("Departed sorting facility", "DP", route.Hub),
            TrackingStatus.OutForDelivery => ("Out for delivery", "OD", route.Destination),
            TrackingStatus.Delivered => ("Delivered, front door", "DL", route.Destination),
            TrackingStatus.ReturnToSender => ("Refused by recipient, returning to sender", "RS", route.Destination),
            TrackingStatus.Exception => ("Delivery exception: address could not be located", "EX", route.Destination),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a sandbox journey status."),
        };
        return new TrackingEvent(time, status, description, place.City, place.Region, Country, rawCode);
    }

    public static string? ReasonFor(TrackingStatus status) => status switch
    {
        TrackingStatus.ReturnToSender => TrackingReason.Refused,
        TrackingStatus.Exception => TrackingReason.AddressProblem,
        _ => null,
    };
}
