using System.Text.Json.Serialization;

namespace OrderTracking.Core.Notifications;

/// <summary>
/// A moment in a shipment's journey the customer is emailed about (DESIGN §8). Serialized as camelCase strings;
/// the wire name is also the milestone segment of the <c>Notifications</c> ledger RowKey (see <see cref="NotificationLedgerKey"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Milestone>))]
public enum Milestone
{
    /// <summary>The first real carrier scan (not label creation, not "not found").</summary>
    [JsonStringEnumMemberName("shipped")] Shipped,
    /// <summary>On the vehicle for delivery.</summary>
    [JsonStringEnumMemberName("outForDelivery")] OutForDelivery,
    /// <summary>Delivered.</summary>
    [JsonStringEnumMemberName("delivered")] Delivered,
    /// <summary>A carrier exception, a failed delivery attempt, or a return to sender.</summary>
    [JsonStringEnumMemberName("exception")] Exception,
    /// <summary>No scan for too long, or the ETA passed without delivery (once per episode, see <see cref="DelayPolicy"/>).</summary>
    [JsonStringEnumMemberName("delayed")] Delayed,
    /// <summary>The order arrived (an order-level email with the tracking page link; no shipment yet).</summary>
    [JsonStringEnumMemberName("orderConfirmed")] OrderConfirmed,
}
