using System.Text.Json.Serialization;

namespace OrderTracking.Core.Tracking;

/// <summary>
/// The normalized shipment status (DESIGN §6, contract). Serialized as camelCase strings.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrackingStatus>))]
public enum TrackingStatus
{
    /// <summary>The carrier does not know the number (yet).</summary>
    [JsonStringEnumMemberName("notFound")] NotFound,
    /// <summary>A label exists; the carrier has not scanned the parcel.</summary>
    [JsonStringEnumMemberName("labelCreated")] LabelCreated,
    /// <summary>Moving through the carrier's network.</summary>
    [JsonStringEnumMemberName("inTransit")] InTransit,
    /// <summary>On the vehicle for delivery today.</summary>
    [JsonStringEnumMemberName("outForDelivery")] OutForDelivery,
    /// <summary>Waiting at a pickup point or locker.</summary>
    [JsonStringEnumMemberName("availableForPickup")] AvailableForPickup,
    /// <summary>A delivery attempt failed; the carrier will retry or hold.</summary>
    [JsonStringEnumMemberName("deliveryAttempted")] DeliveryAttempted,
    /// <summary>Delivered (terminal).</summary>
    [JsonStringEnumMemberName("delivered")] Delivered,
    /// <summary>A problem the carrier reports (customs, damage, address...).</summary>
    [JsonStringEnumMemberName("exception")] Exception,
    /// <summary>Returning or returned to the sender (terminal once returned).</summary>
    [JsonStringEnumMemberName("returnToSender")] ReturnToSender,
    /// <summary>Cancelled by the merchant or carrier (terminal).</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    /// <summary>We stopped tracking after a long silence (terminal).</summary>
    [JsonStringEnumMemberName("expired")] Expired,
    /// <summary>The carrier sent a code we do not map.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
}
