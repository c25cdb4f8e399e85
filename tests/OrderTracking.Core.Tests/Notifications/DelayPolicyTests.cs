using OrderTracking.Core.Notifications;
using OrderTracking.Core.Tracking;
using OrderTracking.Testing;

namespace OrderTracking.Core.Tests.Notifications;

public sealed class DelayPolicyTests
{
    private static readonly DateTimeOffset s_lastScan = new(2026, 11, 19, 10, 0, 0, TimeSpan.Zero);
    private static readonly DelayOptions s_options = new();

    [Fact]
    public void NextCheckAt_InTransit_IsTheEarlierOfEtaPlusGraceAndLastScanPlusStall_AndEvaluateAgrees()
    {
        DateTimeOffset nearEta = s_lastScan.AddHours(20); // + 1 day grace = 44 h, before the 72 h stall
        var shipment = new DelayInput(TrackingStatus.InTransit, s_lastScan, nearEta, WasDelayed: false);

        DateTimeOffset check = DelayPolicy.NextCheckAt(shipment, s_options)!.Value;

        Assert.Equal(s_lastScan.AddHours(44), check);
        Assert.False(DelayPolicy.Evaluate(shipment, check.AddTicks(-1), s_options).IsDelayed);
        Assert.True(DelayPolicy.Evaluate(shipment, check, s_options).StartsEpisode);
        Assert.Equal(s_lastScan.AddDays(3), DelayPolicy.NextCheckAt(shipment with { Eta = s_lastScan.AddDays(5) }, s_options));
        Assert.Equal(s_lastScan.AddDays(3), DelayPolicy.NextCheckAt(shipment with { Eta = null }, s_options));
    }

    [Theory]
    [InlineData(TrackingStatus.LabelCreated, false)]
    [InlineData(TrackingStatus.Delivered, false)]
    [InlineData(TrackingStatus.Exception, false)]
    [InlineData(TrackingStatus.InTransit, true)]
    public void NextCheckAt_NoEpisodePossible_IsNull(TrackingStatus status, bool alreadyDelayed)
    {
        Assert.Null(DelayPolicy.NextCheckAt(new DelayInput(status, s_lastScan, s_lastScan, alreadyDelayed), s_options));
        Assert.Null(DelayPolicy.NextCheckAt(new DelayInput(TrackingStatus.InTransit, null, null, false), s_options));
    }

    [Fact]
    public void Evaluate_JustUnderStallThreshold_NotDelayed()
    {
        var clock = new FakeTimeProvider(s_lastScan);
        clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));

        DelayDecision decision = DelayPolicy.Evaluate(InTransit(), clock.GetUtcNow(), s_options);

        Assert.False(decision.IsDelayed);
        Assert.False(decision.StartsEpisode);
        Assert.Null(decision.EpisodeKey);
    }

    [Fact]
    public void Evaluate_StalledForThreeDays_StartsStallEpisodeKeyedByLastScan()
    {
        var clock = new FakeTimeProvider(s_lastScan);
        clock.Advance(TimeSpan.FromDays(3));

        DelayDecision decision = DelayPolicy.Evaluate(InTransit(), clock.GetUtcNow(), s_options);

        Assert.True(decision.IsDelayed);
        Assert.True(decision.StartsEpisode);
        Assert.Equal(DelayTrigger.Stalled, decision.Trigger);
        Assert.Equal("s20261119T100000Z", decision.EpisodeKey);
    }

    [Fact]
    public void Evaluate_SweptHourlyDuringOneStall_SameKeyEveryTimeAndOnlyFirstStartsOnceFlagged()
    {
        var clock = new FakeTimeProvider(s_lastScan + TimeSpan.FromDays(3));
        DelayDecision first = DelayPolicy.Evaluate(InTransit(), clock.GetUtcNow(), s_options);
        DelayDecision retried = DelayPolicy.Evaluate(InTransit(), clock.GetUtcNow(), s_options);
        clock.Advance(TimeSpan.FromHours(1));

        DelayDecision nextSweep = DelayPolicy.Evaluate(InTransit(wasDelayed: true), clock.GetUtcNow(), s_options);

        Assert.Equal(first.EpisodeKey, retried.EpisodeKey);
        Assert.True(nextSweep.IsDelayed);
        Assert.False(nextSweep.StartsEpisode);
    }

    [Fact]
    public void Evaluate_NewScanAfterStall_EndsEpisodeAndNextStallHasNewKey()
    {
        var clock = new FakeTimeProvider(s_lastScan + TimeSpan.FromDays(4));
        DateTimeOffset newScan = clock.GetUtcNow();

        DelayDecision afterScan = DelayPolicy.Evaluate(InTransit(newScan, wasDelayed: true), clock.GetUtcNow(), s_options);
        clock.Advance(TimeSpan.FromDays(3));
        DelayDecision secondStall = DelayPolicy.Evaluate(InTransit(newScan), clock.GetUtcNow(), s_options);

        Assert.False(afterScan.IsDelayed);
        Assert.True(secondStall.StartsEpisode);
        Assert.Equal("s20261123T100000Z", secondStall.EpisodeKey);
    }

    [Fact]
    public void Evaluate_EtaDayOver_StartsEtaEpisode()
    {
        DateTimeOffset eta = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(eta + TimeSpan.FromHours(23));
        DelayInput shipment = InTransit(eta.AddHours(-12)) with { Eta = eta };

        DelayDecision duringEtaDay = DelayPolicy.Evaluate(shipment, clock.GetUtcNow(), s_options);
        clock.Advance(TimeSpan.FromHours(1));
        DelayDecision dayOver = DelayPolicy.Evaluate(shipment, clock.GetUtcNow(), s_options);

        Assert.False(duringEtaDay.IsDelayed);
        Assert.Equal(DelayTrigger.EtaPassed, dayOver.Trigger);
        Assert.Equal("e20261121T000000Z", dayOver.EpisodeKey);
    }

    [Fact]
    public void Evaluate_LateAndStalled_OneEtaEpisodeNotTwo()
    {
        DateTimeOffset eta = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(s_lastScan + TimeSpan.FromDays(5));

        DelayDecision decision = DelayPolicy.Evaluate(InTransit() with { Eta = eta }, clock.GetUtcNow(), s_options);

        Assert.Equal(DelayTrigger.EtaPassed, decision.Trigger);
        Assert.StartsWith("e", decision.EpisodeKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CustomStallThreshold_IsHonoured()
    {
        var clock = new FakeTimeProvider(s_lastScan + TimeSpan.FromDays(1));

        DelayDecision decision = DelayPolicy.Evaluate(InTransit(), clock.GetUtcNow(), new DelayOptions { StalledAfter = TimeSpan.FromHours(24) });

        Assert.True(decision.StartsEpisode);
    }

    [Theory]
    [InlineData(TrackingStatus.Delivered)]
    [InlineData(TrackingStatus.ReturnToSender)]
    [InlineData(TrackingStatus.Cancelled)]
    [InlineData(TrackingStatus.Expired)]
    [InlineData(TrackingStatus.LabelCreated)]
    [InlineData(TrackingStatus.NotFound)]
    [InlineData(TrackingStatus.Exception)]
    [InlineData(TrackingStatus.DeliveryAttempted)]
    [InlineData(TrackingStatus.AvailableForPickup)]
    public void Evaluate_StatusOutsideTransit_NeverDelayedAndClearsFlag(TrackingStatus status)
    {
        var clock = new FakeTimeProvider(s_lastScan + TimeSpan.FromDays(30));
        var shipment = new DelayInput(status, s_lastScan, s_lastScan, WasDelayed: true);

        DelayDecision decision = DelayPolicy.Evaluate(shipment, clock.GetUtcNow(), s_options);

        Assert.Equal(DelayDecision.NotDelayed, decision);
    }

    [Fact]
    public void Evaluate_OutForDeliveryStalled_IsDelayed()
    {
        var clock = new FakeTimeProvider(s_lastScan + TimeSpan.FromDays(3));
        var shipment = new DelayInput(TrackingStatus.OutForDelivery, s_lastScan, null, false);

        Assert.True(DelayPolicy.Evaluate(shipment, clock.GetUtcNow(), s_options).StartsEpisode);
    }

    [Fact]
    public void Evaluate_NoEventTimeNoEta_NotDelayed()
    {
        var shipment = new DelayInput(TrackingStatus.InTransit, null, null, false);

        Assert.False(DelayPolicy.Evaluate(shipment, s_lastScan.AddYears(1), s_options).IsDelayed);
    }

    private static DelayInput InTransit(DateTimeOffset? lastEvent = null, bool wasDelayed = false) =>
        new(TrackingStatus.InTransit, lastEvent ?? s_lastScan, null, wasDelayed);
}
