using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Tests.Tracking;

public sealed class TrackingMergerTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.FromHours(-5));

    private static TrackingEvent Ev(int hours, TrackingStatus status, string text = "scan") =>
        new(s_t0.AddHours(hours), status, $"{text} {hours}", "Louisville", "KY", "US", "X");

    [Fact]
    public void Merge_NewerFoundResult_TakesStatusAndEventsNewestFirst()
    {
        var current = new ShipmentTracking { Status = TrackingStatus.LabelCreated, Events = [Ev(0, TrackingStatus.LabelCreated)], LastEventAt = s_t0 };
        CarrierTrackingResult result = CarrierTrackingResult.Found(TrackingStatus.InTransit, [Ev(5, TrackingStatus.InTransit), Ev(0, TrackingStatus.LabelCreated)]);

        MergeOutcome outcome = TrackingMerger.Merge(current, result, s_t0.AddHours(6));

        Assert.True(outcome.StatusChanged);
        Assert.Equal(TrackingStatus.InTransit, outcome.State.Status);
        Assert.Equal(2, outcome.State.Events.Count);
        Assert.Equal(s_t0.AddHours(5), outcome.State.Events[0].Time);
        Assert.Equal(s_t0.AddHours(5), outcome.State.LastEventAt);
        Assert.Equal(s_t0.AddHours(6), outcome.State.UpdatedAt);
    }

    [Theory]
    [InlineData(TrackingStatus.Delivered)]
    [InlineData(TrackingStatus.ReturnToSender)]
    [InlineData(TrackingStatus.Cancelled)]
    [InlineData(TrackingStatus.Expired)]
    public void Merge_TerminalStatus_NeverRegresses(TrackingStatus terminal)
    {
        var current = new ShipmentTracking { Status = terminal, Events = [Ev(10, terminal)], LastEventAt = s_t0.AddHours(10) };
        CarrierTrackingResult late = CarrierTrackingResult.Found(TrackingStatus.InTransit, [Ev(12, TrackingStatus.InTransit, "late")]);

        MergeOutcome outcome = TrackingMerger.Merge(current, late, s_t0.AddHours(13));

        Assert.Equal(terminal, outcome.State.Status);
        Assert.False(outcome.StatusChanged);
        Assert.Equal(2, outcome.State.Events.Count); // the event is kept for the history, the status is not
    }

    [Fact]
    public void Merge_StaleAnswerOlderThanKnownEvents_DoesNotMoveStatus()
    {
        var current = new ShipmentTracking { Status = TrackingStatus.OutForDelivery, Events = [Ev(9, TrackingStatus.OutForDelivery)], LastEventAt = s_t0.AddHours(9) };
        CarrierTrackingResult stale = CarrierTrackingResult.Found(TrackingStatus.InTransit, [Ev(4, TrackingStatus.InTransit)]);

        MergeOutcome outcome = TrackingMerger.Merge(current, stale, s_t0.AddHours(10));

        Assert.Equal(TrackingStatus.OutForDelivery, outcome.State.Status);
    }

    [Fact]
    public void Merge_SameAnswerTwice_IsUnchangedTheSecondTime()
    {
        CarrierTrackingResult result = CarrierTrackingResult.Found(TrackingStatus.InTransit, [Ev(1, TrackingStatus.InTransit)], eta: s_t0.AddDays(2));
        MergeOutcome first = TrackingMerger.Merge(new ShipmentTracking(), result, s_t0.AddHours(2));

        MergeOutcome second = TrackingMerger.Merge(first.State, result, s_t0.AddHours(3));

        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.Same(first.State, second.State);
    }

    [Fact]
    public void Merge_EtaOnlyChange_ChangesStateButNotStatus()
    {
        var current = new ShipmentTracking { Status = TrackingStatus.InTransit, Eta = s_t0.AddDays(2), Events = [Ev(1, TrackingStatus.InTransit)], LastEventAt = s_t0.AddHours(1) };
        CarrierTrackingResult result = CarrierTrackingResult.Found(TrackingStatus.InTransit, [Ev(1, TrackingStatus.InTransit)], eta: s_t0.AddDays(3));

        MergeOutcome outcome = TrackingMerger.Merge(current, result, s_t0.AddHours(2));

        Assert.True(outcome.Changed);
        Assert.False(outcome.StatusChanged);
        Assert.Equal(s_t0.AddDays(3), outcome.State.Eta);
    }

    [Fact]
    public void Merge_UnknownCode_KeepsKnownStatus()
    {
        var current = new ShipmentTracking { Status = TrackingStatus.InTransit, LastEventAt = s_t0 };
        MergeOutcome outcome = TrackingMerger.Merge(current, CarrierTrackingResult.Found(TrackingStatus.Unknown, [Ev(2, TrackingStatus.Unknown)]), s_t0.AddHours(3));

        Assert.Equal(TrackingStatus.InTransit, outcome.State.Status);
    }

    [Theory]
    [InlineData(CarrierResultKind.NotFound)]
    [InlineData(CarrierResultKind.Throttled)]
    [InlineData(CarrierResultKind.Failed)]
    public void Merge_NonFoundResults_ChangeNothing(CarrierResultKind kind)
    {
        var current = new ShipmentTracking { Status = TrackingStatus.InTransit, Events = [Ev(1, TrackingStatus.InTransit)] };
        var result = new CarrierTrackingResult { Kind = kind };

        MergeOutcome outcome = TrackingMerger.Merge(current, result, s_t0);

        Assert.False(outcome.Changed);
        Assert.Same(current, outcome.State);
    }

    [Fact]
    public void Merge_ManyEvents_AreCappedKeepingTheNewest()
    {
        TrackingEvent[] events = [.. Enumerable.Range(0, TrackingMerger.MaxEvents + 20).Select(h => Ev(h, TrackingStatus.InTransit))];
        MergeOutcome outcome = TrackingMerger.Merge(new ShipmentTracking(), CarrierTrackingResult.Found(TrackingStatus.InTransit, events), s_t0.AddDays(10));

        Assert.Equal(TrackingMerger.MaxEvents, outcome.State.Events.Count);
        Assert.Equal(s_t0.AddHours(TrackingMerger.MaxEvents + 19), outcome.State.Events[0].Time);
    }
}
