using OrderTracking.Core.Notifications;

namespace OrderTracking.Functions.Sync;

/// <summary>A <c>platform-sync</c> message: write one shipment's tracking back to the platforms its order came from.</summary>
/// <param name="OrderKey">The order.</param>
/// <param name="Carrier">The shipment's carrier code.</param>
/// <param name="TrackingNumber">The shipment's number.</param>
/// <param name="Action"><c>track</c> (attach the tracking), <c>cancel</c> (the shipment was cancelled or replaced: take its
/// tracker back) or <c>event-{milestone}</c> (a carrier milestone, e.g. <c>event-delivered</c>).</param>
/// <param name="MessageId">A new id per message sent (a retry of the message keeps it): the ledger's claimant, so a
/// duplicate message cannot write while another holds the row.</param>
internal sealed record PlatformSyncRequest(string OrderKey, string Carrier, string TrackingNumber, string Action, string? MessageId = null)
{
    /// <summary>A request with a fresh <see cref="MessageId"/>.</summary>
    public static PlatformSyncRequest Create(string orderKey, string carrier, string trackingNumber, string action) =>
        new(orderKey, carrier, trackingNumber, action, Guid.NewGuid().ToString("N"));

    public const string Track = "track";
    public const string Cancel = "cancel";
    public const string EventPrefix = "event-";

    public static string EventAction(Milestone milestone) => EventPrefix + milestone.ToWireName();

    /// <summary>The milestone of an <c>event-…</c> action; null for <c>track</c> or an unknown one.</summary>
    public Milestone? EventMilestone =>
        Action?.StartsWith(EventPrefix, StringComparison.Ordinal) == true && MilestoneExtensions.TryParseWireName(Action[EventPrefix.Length..], out Milestone m) ? m : null;
}
