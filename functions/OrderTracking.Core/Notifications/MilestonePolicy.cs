using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Notifications;

/// <summary>
/// Decides which milestones a merged status change reached (DESIGN §8). Pure and stateless: it looks at one transition;
/// the <c>Notifications</c> ledger (one row per shipment and milestone) is what makes each milestone a single email,
/// so a shipment that goes out for delivery twice still produces one <see cref="Milestone.OutForDelivery"/> email.
/// </summary>
/// <remarks>
/// Rules:
/// <list type="bullet">
/// <item><see cref="Milestone.Shipped"/> on the first carrier scan: an event or status beyond <c>notFound</c>,
/// <c>labelCreated</c>, <c>cancelled</c>, <c>expired</c> and <c>unknown</c> (see <see cref="IsCarrierScan"/>).</item>
/// <item><see cref="Milestone.OutForDelivery"/> and <see cref="Milestone.Delivered"/> when the status becomes that status.</item>
/// <item><see cref="Milestone.Exception"/> when the status enters <c>exception</c>, <c>deliveryAttempted</c> or
/// <c>returnToSender</c> from a status outside that group.</item>
/// <item>Jumps (polls are minutes to hours apart): every milestone that is still true is reported, in journey order.
/// <c>labelCreated → delivered</c> yields shipped + delivered, never out-for-delivery, because telling a customer
/// "out for delivery" after the parcel arrived would be wrong.</item>
/// <item>Nothing leaves a terminal status (DESIGN §6), so a terminal previous status yields nothing.</item>
/// </list>
/// </remarks>
public static class MilestonePolicy
{
    /// <summary>
    /// The milestones reached by moving from <paramref name="previous"/> to <paramref name="current"/>, in journey order
    /// (shipped first). Empty when nothing customer-visible happened.
    /// </summary>
    /// <param name="previous">The stored status before merging the carrier result.</param>
    /// <param name="current">The status after merging.</param>
    /// <param name="hadCarrierScanBefore">True when the stored events already held a carrier scan (see <see cref="HasCarrierScan"/>).</param>
    /// <param name="hasCarrierScanNow">True when the merged events hold a carrier scan.</param>
    public static IReadOnlyList<Milestone> MilestonesFor(
        TrackingStatus previous, TrackingStatus current, bool hadCarrierScanBefore, bool hasCarrierScanNow)
    {
        if (previous.IsTerminal())
        {
            return [];
        }

        List<Milestone> reached = [];
        bool scannedBefore = hadCarrierScanBefore || IsCarrierScan(previous);
        bool scannedNow = hasCarrierScanNow || IsCarrierScan(current);
        if (scannedNow && !scannedBefore)
        {
            reached.Add(Milestone.Shipped);
        }

        if (current == TrackingStatus.OutForDelivery && previous != TrackingStatus.OutForDelivery)
        {
            reached.Add(Milestone.OutForDelivery);
        }

        if (IsExceptionGroup(current) && !IsExceptionGroup(previous))
        {
            reached.Add(Milestone.Exception);
        }

        if (current == TrackingStatus.Delivered)
        {
            reached.Add(Milestone.Delivered);
        }

        return reached;
    }

    /// <summary>
    /// True when a status means the carrier has physically handled the parcel: everything except <c>notFound</c>,
    /// <c>labelCreated</c>, <c>cancelled</c>, <c>expired</c> and <c>unknown</c> (an unmapped code is often
    /// pre-shipment information, so it does not count as a scan).
    /// </summary>
    public static bool IsCarrierScan(TrackingStatus status) => status is
        TrackingStatus.InTransit or TrackingStatus.OutForDelivery or TrackingStatus.AvailableForPickup or
        TrackingStatus.DeliveryAttempted or TrackingStatus.Delivered or TrackingStatus.Exception or
        TrackingStatus.ReturnToSender;

    /// <summary>True when any event is a carrier scan (see <see cref="IsCarrierScan"/>).</summary>
    public static bool HasCarrierScan(IEnumerable<TrackingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Any(e => IsCarrierScan(e.Status));
    }

    private static bool IsExceptionGroup(TrackingStatus status) => status is
        TrackingStatus.Exception or TrackingStatus.DeliveryAttempted or TrackingStatus.ReturnToSender;
}
