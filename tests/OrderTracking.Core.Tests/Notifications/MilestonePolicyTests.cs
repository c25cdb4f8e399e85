using OrderTracking.Core.Notifications;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Tests.Notifications;

public sealed class MilestonePolicyTests
{
    private static readonly TrackingStatus[] s_allStatuses = Enum.GetValues<TrackingStatus>();

    [Theory]
    // the normal journey, one step per poll
    [InlineData(TrackingStatus.NotFound, TrackingStatus.LabelCreated, false, false, "")]
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.LabelCreated, false, false, "")]
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.InTransit, false, true, "shipped")]
    [InlineData(TrackingStatus.InTransit, TrackingStatus.InTransit, true, true, "")]
    [InlineData(TrackingStatus.InTransit, TrackingStatus.OutForDelivery, true, true, "outForDelivery")]
    [InlineData(TrackingStatus.OutForDelivery, TrackingStatus.OutForDelivery, true, true, "")]
    [InlineData(TrackingStatus.OutForDelivery, TrackingStatus.Delivered, true, true, "delivered")]
    // jumps between polls: every milestone still true, never "out for delivery" after the fact
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.Delivered, false, true, "shipped,delivered")]
    [InlineData(TrackingStatus.NotFound, TrackingStatus.Delivered, false, true, "shipped,delivered")]
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.OutForDelivery, false, true, "shipped,outForDelivery")]
    [InlineData(TrackingStatus.InTransit, TrackingStatus.Delivered, true, true, "delivered")]
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.Exception, false, true, "shipped,exception")]
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.ReturnToSender, false, true, "shipped,exception")]
    // the exception group: exception, attempted delivery, return to sender
    [InlineData(TrackingStatus.InTransit, TrackingStatus.Exception, true, true, "exception")]
    [InlineData(TrackingStatus.OutForDelivery, TrackingStatus.DeliveryAttempted, true, true, "exception")]
    [InlineData(TrackingStatus.InTransit, TrackingStatus.ReturnToSender, true, true, "exception")]
    [InlineData(TrackingStatus.Exception, TrackingStatus.DeliveryAttempted, true, true, "")]
    [InlineData(TrackingStatus.DeliveryAttempted, TrackingStatus.ReturnToSender, true, true, "")]
    [InlineData(TrackingStatus.Exception, TrackingStatus.InTransit, true, true, "")]
    [InlineData(TrackingStatus.DeliveryAttempted, TrackingStatus.OutForDelivery, true, true, "outForDelivery")]
    [InlineData(TrackingStatus.DeliveryAttempted, TrackingStatus.Delivered, true, true, "delivered")]
    [InlineData(TrackingStatus.Exception, TrackingStatus.Delivered, true, true, "delivered")]
    // pickup points count as a scan but are not a milestone of their own
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.AvailableForPickup, false, true, "shipped")]
    [InlineData(TrackingStatus.AvailableForPickup, TrackingStatus.Delivered, true, true, "delivered")]
    // not scans: unknown codes, cancellation, expiry, not found
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.Unknown, false, false, "")]
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.Cancelled, false, false, "")]
    [InlineData(TrackingStatus.NotFound, TrackingStatus.Expired, false, false, "")]
    [InlineData(TrackingStatus.NotFound, TrackingStatus.NotFound, false, false, "")]
    // an unknown status whose events hold a real scan still ships
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.Unknown, false, true, "shipped")]
    // shipped once: the stored events already had a scan
    [InlineData(TrackingStatus.Unknown, TrackingStatus.InTransit, true, true, "")]
    [InlineData(TrackingStatus.LabelCreated, TrackingStatus.InTransit, true, true, "")]
    // nothing leaves a terminal status
    [InlineData(TrackingStatus.Delivered, TrackingStatus.Delivered, true, true, "")]
    [InlineData(TrackingStatus.Delivered, TrackingStatus.OutForDelivery, true, true, "")]
    [InlineData(TrackingStatus.ReturnToSender, TrackingStatus.Delivered, true, true, "")]
    [InlineData(TrackingStatus.Cancelled, TrackingStatus.InTransit, false, true, "")]
    [InlineData(TrackingStatus.Expired, TrackingStatus.Delivered, false, true, "")]
    public void MilestonesFor_Transition_ReturnsExpectedMilestones(
        TrackingStatus previous, TrackingStatus current, bool hadScan, bool hasScan, string expected)
    {
        IReadOnlyList<Milestone> milestones = MilestonePolicy.MilestonesFor(previous, current, hadScan, hasScan);

        Assert.Equal(expected, string.Join(',', milestones.Select(m => m.ToWireName())));
    }

    [Fact]
    public void MilestonesFor_AnyTransition_NeverRepeatsAMilestoneAndKeepsJourneyOrder()
    {
        foreach (TrackingStatus previous in s_allStatuses)
        {
            foreach (TrackingStatus current in s_allStatuses)
            {
                foreach (bool hadScan in new[] { false, true })
                {
                    IReadOnlyList<Milestone> milestones = MilestonePolicy.MilestonesFor(previous, current, hadScan, true);

                    Assert.Equal(milestones.Distinct().Count(), milestones.Count);
                    Assert.Equal(milestones.OrderBy(m => (int)m), milestones);
                    Assert.True(milestones.Count <= 2, $"{previous}→{current}: {string.Join(',', milestones)}");
                }
            }
        }
    }

    [Fact]
    public void MilestonesFor_SameStatusAgain_ReachesNothing()
    {
        foreach (TrackingStatus status in s_allStatuses)
        {
            bool scanned = MilestonePolicy.IsCarrierScan(status);

            Assert.Empty(MilestonePolicy.MilestonesFor(status, status, scanned, scanned));
        }
    }

    [Fact]
    public void HasCarrierScan_LabelAndUnknownEventsOnly_False()
    {
        var at = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        TrackingEvent[] events =
        [
            new(at, TrackingStatus.LabelCreated, "Label created"),
            new(at.AddHours(1), TrackingStatus.Unknown, "Shipment information received"),
        ];

        Assert.False(MilestonePolicy.HasCarrierScan(events));
        Assert.True(MilestonePolicy.HasCarrierScan([.. events, new(at.AddHours(2), TrackingStatus.InTransit, "Picked up")]));
    }
}
