using System.Text.Json.Serialization;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Functions.Notifications;

/// <summary>
/// A <c>notifications</c> message: one milestone email (and text) for one order's shipment, or an order-level email
/// (<c>orderConfirmed</c>: no carrier, no number).
/// </summary>
/// <param name="OrderKey">The order.</param>
/// <param name="Carrier">Carrier code.</param>
/// <param name="TrackingNumber">The number.</param>
/// <param name="Milestone">Milestone wire name (<c>shipped</c>, <c>outForDelivery</c>, …).</param>
/// <param name="EpisodeKey">For <c>delayed</c>: the episode, so each delay episode is one email.</param>
internal sealed record NotificationRequest(string OrderKey, string? Carrier, string? TrackingNumber, string Milestone, string? EpisodeKey = null)
{
    /// <summary>The W3C trace context of the poll or sweep that sent it (see <c>Telemetry</c>).</summary>
    public string? TraceParent { get; init; } = Hosting.Telemetry.CurrentTraceParent;

    /// <summary>The milestone, or null when the wire name is not one we know.</summary>
    [JsonIgnore]
    public Milestone? ParsedMilestone => MilestoneExtensions.TryParseWireName(Milestone, out Milestone m) ? m : null;
}
