namespace OrderTracking.Core.Tracking;

/// <summary>Classification helpers for <see cref="TrackingStatus"/>.</summary>
public static class TrackingStatusExtensions
{
    /// <summary>
    /// Terminal statuses (DESIGN §6): a late or out-of-order carrier event never moves a shipment out of one.
    /// </summary>
    public static bool IsTerminal(this TrackingStatus status) => status is
        TrackingStatus.Delivered or TrackingStatus.ReturnToSender or TrackingStatus.Cancelled or TrackingStatus.Expired;

    /// <summary>The camelCase wire name of the status (as in JSON and table rows).</summary>
    public static string ToWireName(this TrackingStatus status) => status switch
    {
        TrackingStatus.NotFound => "notFound",
        TrackingStatus.LabelCreated => "labelCreated",
        TrackingStatus.InTransit => "inTransit",
        TrackingStatus.OutForDelivery => "outForDelivery",
        TrackingStatus.AvailableForPickup => "availableForPickup",
        TrackingStatus.DeliveryAttempted => "deliveryAttempted",
        TrackingStatus.Delivered => "delivered",
        TrackingStatus.Exception => "exception",
        TrackingStatus.ReturnToSender => "returnToSender",
        TrackingStatus.Cancelled => "cancelled",
        TrackingStatus.Expired => "expired",
        _ => "unknown",
    };

    /// <summary>Parses a camelCase wire name; anything unrecognised is <see cref="TrackingStatus.Unknown"/>.</summary>
    public static TrackingStatus ParseWireName(string? value) => value switch
    {
        "notFound" => TrackingStatus.NotFound,
        "labelCreated" => TrackingStatus.LabelCreated,
        "inTransit" => TrackingStatus.InTransit,
        "outForDelivery" => TrackingStatus.OutForDelivery,
        "availableForPickup" => TrackingStatus.AvailableForPickup,
        "deliveryAttempted" => TrackingStatus.DeliveryAttempted,
        "delivered" => TrackingStatus.Delivered,
        "exception" => TrackingStatus.Exception,
        "returnToSender" => TrackingStatus.ReturnToSender,
        "cancelled" => TrackingStatus.Cancelled,
        "expired" => TrackingStatus.Expired,
        _ => TrackingStatus.Unknown,
    };
}
