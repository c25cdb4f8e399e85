using OrderTracking.Core.Kpis;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Tests.Kpis;

public sealed class KpiPolicyTests
{
    private static readonly DateTimeOffset s_registered = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private static ShipmentTracking State(TrackingStatus status, DateTimeOffset? eta, params (double Hours, TrackingStatus Status)[] events) => new()
    {
        Status = status,
        Eta = eta,
        Events = [.. events.Select(e => new TrackingEvent(s_registered.AddHours(e.Hours), e.Status, e.Status.ToString())).OrderByDescending(e => e.Time)],
    };

    [Fact]
    public void Facts_TakeTheCarriersEventTimes_AndKeepTheFirstPromise()
    {
        DateTimeOffset firstEta = new(2026, 11, 5, 0, 0, 0, TimeSpan.Zero), laterEta = firstEta.AddDays(2);
        ShipmentFacts facts = ShipmentFactsPolicy.Observe(ShipmentFacts.Empty, State(TrackingStatus.LabelCreated, firstEta, (1, TrackingStatus.LabelCreated)), changed: true, s_registered.AddHours(3));
        Assert.Equal(firstEta, facts.FirstEta);
        Assert.Equal(s_registered.AddHours(3), facts.FirstUpdateAt); // when we first saw it
        Assert.Null(facts.FirstScanAt); // a label is not a scan

        facts = ShipmentFactsPolicy.Observe(facts, State(TrackingStatus.OutForDelivery, laterEta, (1, TrackingStatus.LabelCreated), (12, TrackingStatus.InTransit), (40, TrackingStatus.OutForDelivery)), changed: true, s_registered.AddHours(41));
        Assert.Equal((firstEta, laterEta), (facts.FirstEta, facts.LatestEta));
        Assert.Equal(s_registered.AddHours(12), facts.FirstScanAt);
        Assert.Equal(s_registered.AddHours(40), facts.OutForDeliveryAt);
        Assert.Equal(s_registered.AddHours(3), facts.FirstUpdateAt); // set once

        facts = ShipmentFactsPolicy.Observe(facts, State(TrackingStatus.Delivered, laterEta, (12, TrackingStatus.InTransit), (45, TrackingStatus.Delivered)), changed: false, s_registered.AddHours(50));
        Assert.Equal(s_registered.AddHours(45), facts.DeliveredAt);
        Assert.Equal(2, facts.CarrierUpdates); // the unchanged answer did not count
    }

    [Fact]
    public void Transitions_EachFactOnce_OnItsOwnDay()
    {
        ShipmentFacts before = new() { FirstEta = new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero), FirstScanAt = s_registered.AddHours(12) };
        ShipmentFacts after = before with { DeliveredAt = s_registered.AddHours(52), FirstExceptionAt = s_registered.AddHours(30) };
        IReadOnlyList<KpiTransition> transitions = KpiTransitions.Between(before, after);
        Assert.Equal(["delivered", "exception"], transitions.Select(t => t.Key));
        KpiTransition delivered = transitions[0];
        Assert.Equal(s_registered.AddHours(52), delivered.At);
        Assert.Equal(1, delivered.Increments[KpiCounters.DeliveredOnTime]); // Nov 4 on a Nov 4 promise
        Assert.Equal(1, delivered.Increments[TransitHistogram.CounterName(TransitHistogram.BucketOf(TimeSpan.FromHours(40)))]);
        Assert.Empty(KpiTransitions.Between(after, after)); // nothing new, nothing counted
    }

    [Theory]
    [InlineData("2026-11-04T23:30:00-05:00", "2026-11-04T00:00:00-05:00", true)]  // the carrier's local day, not UTC's (05:30Z on the 5th)
    [InlineData("2026-11-05T00:10:00-05:00", "2026-11-04T00:00:00-05:00", false)]
    [InlineData("2026-11-03T09:00:00+00:00", "2026-11-04T00:00:00+00:00", true)]
    public void OnTime_ComparesDaysInTheirOwnOffsets(string delivered, string eta, bool onTime) =>
        Assert.Equal(onTime, KpiTransitions.OnTime(DateTimeOffset.Parse(eta, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(delivered, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void OnTime_WithoutAPromise_IsNeither()
    {
        Assert.Null(KpiTransitions.OnTime(null, s_registered));
        IReadOnlyDictionary<string, int> increments = KpiTransitions.Between(ShipmentFacts.Empty, new ShipmentFacts { DeliveredAt = s_registered })[0].Increments;
        Assert.Equal([KpiCounters.Delivered], increments.Keys); // no promise, no first scan: only delivered
    }

    [Fact]
    public void Coverage_IsAnyCarrierUpdateWithin24Hours()
    {
        Assert.True(KpiTransitions.HadNoUpdateWithin24h(ShipmentFacts.Empty, s_registered));
        Assert.False(KpiTransitions.HadNoUpdateWithin24h(new ShipmentFacts { FirstUpdateAt = s_registered.AddHours(24) }, s_registered));
        Assert.True(KpiTransitions.HadNoUpdateWithin24h(new ShipmentFacts { FirstUpdateAt = s_registered.AddHours(24.5) }, s_registered));
    }

    [Fact]
    public void Histogram_Percentiles_InterpolateInsideTheirBucket()
    {
        long[] counts = new long[TransitHistogram.BucketCount];
        counts[TransitHistogram.BucketOf(TimeSpan.FromHours(41))] = 80; // 40–42 h
        counts[TransitHistogram.BucketOf(TimeSpan.FromHours(110))] = 20; // 108–114 h
        Assert.Equal(41.2, TransitHistogram.Percentile(counts, 0.5)); // 40 + 50/80 × 2 = 41.25, rounded to 0.1
        Assert.Equal(111, TransitHistogram.Percentile(counts, 0.9)); // 108 + 10/20 × 6
        Assert.Null(TransitHistogram.Percentile(new long[TransitHistogram.BucketCount], 0.5));
        Assert.Equal(TransitHistogram.BucketCount - 1, TransitHistogram.BucketOf(TimeSpan.FromDays(20)));
        Assert.Equal(0, TransitHistogram.BucketOf(TimeSpan.FromHours(-3))); // a carrier clock behind ours
    }

    [Fact]
    public void Report_SumsDaysCarriersAndSources_AndFiltersBoth()
    {
        var day = new DateOnly(2026, 11, 2);
        KpiRow[] rows =
        [
            new(day, "ups", "shopify", new Dictionary<string, long> { [KpiCounters.Shipments] = 10, [KpiCounters.NoUpdateAfter24h] = 1, [KpiCounters.Exceptions] = 2 }),
            new(day.AddDays(2), "ups", "shopify", new Dictionary<string, long> { [KpiCounters.Delivered] = 8, [KpiCounters.DeliveredWithPromise] = 8, [KpiCounters.DeliveredOnTime] = 6 }),
            new(day, "fedex", "api", new Dictionary<string, long> { [KpiCounters.Shipments] = 5 }),
            new(day, "*", "shopify", new Dictionary<string, long> { [KpiCounters.Lookups] = 3, ["Sent_email_shipped"] = 4, ["Opened_email_shipped"] = 1 }),
            new(day.AddDays(40), "ups", "shopify", new Dictionary<string, long> { [KpiCounters.Shipments] = 99 }), // out of range
        ];
        KpiReport all = KpiReport.Build(rows, day, day.AddDays(30), null, null);
        Assert.Equal(15, all.Totals.Shipments);
        Assert.Equal(0.75, all.Totals.OnTimeRate);
        Assert.Equal(0.9333, all.Totals.TrackingCoverage);
        Assert.Equal(["fedex", "ups"], all.Carriers.Select(c => c.Carrier));
        Assert.Equal(3, all.Lookups);
        Assert.Equal(0.25, all.Notifications.Single(n => n.Channel == "email").ClickThroughRate);

        KpiReport fedex = KpiReport.Build(rows, day, day.AddDays(30), "fedex", null);
        Assert.Equal((5, 0), (fedex.Totals.Shipments, fedex.Totals.Exceptions));
        KpiReport api = KpiReport.Build(rows, day, day.AddDays(30), null, "api");
        Assert.Equal((5, 0L), (api.Totals.Shipments, api.Lookups)); // the shopify lookups are filtered out too
    }
}
