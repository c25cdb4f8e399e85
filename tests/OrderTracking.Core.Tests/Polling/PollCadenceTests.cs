using OrderTracking.Core.Polling;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Tests.Polling;

public sealed class PollCadenceTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly PollCadence _noJitter = new(new PollCadenceOptions { Jitter = 0 });

    private TimeSpan? Interval(PollContext context) => _noJitter.Next(context, s_now, new Random(1)).NextDue - s_now;

    [Theory]
    [InlineData(TrackingStatus.OutForDelivery, 60)]
    [InlineData(TrackingStatus.InTransit, 180)]
    [InlineData(TrackingStatus.LabelCreated, 120)]
    [InlineData(TrackingStatus.Exception, 180)]
    public void Next_ByStatus_UsesTheStatusInterval(TrackingStatus status, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), Interval(new PollContext(status, null, s_now.AddHours(-1), s_now.AddDays(-1))));
    }

    [Fact]
    public void Next_InsideTheEtaDaysDeliveryWindow_PollsEvery25Minutes()
    {
        var morning = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromMinutes(25), _noJitter.Next(new PollContext(TrackingStatus.InTransit, morning.AddHours(12), morning.AddHours(-1), morning.AddDays(-1)), morning, new Random(1)).NextDue - morning);
    }

    [Fact]
    public void Next_AfterTheWindowOnALateDay_UsesTheTransitInterval_AndWakesAtTheNextMorningsWindow()
    {
        var eta = new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.Zero); // two days ago: the parcel is late
        var afternoon = new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);
        var night = new DateTimeOffset(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

        Assert.Equal(afternoon.AddHours(3), _noJitter.Next(new PollContext(TrackingStatus.InTransit, eta, afternoon.AddHours(-5), afternoon.AddDays(-4)), afternoon, new Random(1)).NextDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), _noJitter.Next(new PollContext(TrackingStatus.InTransit, eta, night.AddHours(-5), night.AddDays(-4)), night, new Random(1)).NextDue); // 07:00 capped
        var evening = night;
        var windowStart = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(windowStart.AddMinutes(25), _noJitter.Next(new PollContext(TrackingStatus.InTransit, eta, evening, evening.AddDays(-4)), windowStart, new Random(1)).NextDue);
    }

    [Fact]
    public void Next_InTransitTheEveningBefore_WakesAtTheStartOfTheEtaDaysWindow_InTheEtasOwnOffset()
    {
        var cadence = new PollCadence(new PollCadenceOptions { Jitter = 0, BeforeEta = TimeSpan.FromHours(24) });
        var evening = new DateTimeOffset(2026, 11, 22, 21, 0, 0, TimeSpan.Zero); // 16:00 in New York
        var eta = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.FromHours(-5)); // tomorrow, carrier-local

        DateTimeOffset? next = cadence.Next(new PollContext(TrackingStatus.InTransit, eta, evening.AddHours(-2), evening.AddDays(-2)), evening, new Random(1)).NextDue;

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.FromHours(-5)), next); // 06:00 local (11:00 UTC), not 09:00 UTC
        Assert.Equal(TimeSpan.FromMinutes(25), cadence.Next(new PollContext(TrackingStatus.InTransit, eta, evening, evening.AddDays(-2)), next!.Value, new Random(1)).NextDue - next); // then every 25 minutes
    }

    [Fact]
    public void Next_LabelCreated_WithAPickupWindow_PollsDenselyOnlyInsideIt_AndWakesAtItsStart_InTheShipFromTimeZone()
    {
        // A daily pickup at 16:00 in New York (UTC−5 in November): the first scan comes from 16:00 to midnight local.
        var cadence = new PollCadence(new PollCadenceOptions { Jitter = 0, PickupWindowStart = TimeSpan.FromHours(16), ShipFromTimeZone = "America/New_York" });
        var registered = new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero); // 08:00 local
        DateTimeOffset? Next(DateTimeOffset now) => cadence.Next(new PollContext(TrackingStatus.LabelCreated, null, registered, registered), now, new Random(1)).NextDue;

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 21, 0, 0, TimeSpan.Zero), Next(registered)); // 08:00 local: sleep to 16:00 local, not 12 h
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), Next(new DateTimeOffset(2026, 11, 22, 21, 0, 0, TimeSpan.Zero))); // 16:00 local: every 2 h
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero), Next(new DateTimeOffset(2026, 11, 23, 4, 30, 0, TimeSpan.Zero))); // 23:30 local: still inside
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 17, 30, 0, TimeSpan.Zero), Next(new DateTimeOffset(2026, 11, 23, 5, 30, 0, TimeSpan.Zero))); // 00:30 local: 12 h
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero), Next(new DateTimeOffset(2026, 11, 23, 17, 30, 0, TimeSpan.Zero))); // 12:30 local: capped at 16:00
    }

    [Fact]
    public void Next_LabelCreated_WithAPickupWindowPastMidnight_AndAcrossADaylightSavingChange()
    {
        // Window 20:00 + 8 h in Berlin; the clocks go back on 2026-10-25 (UTC+2 → UTC+1).
        var cadence = new PollCadence(new PollCadenceOptions { Jitter = 0, PickupWindowStart = TimeSpan.FromHours(20), ShipFromTimeZone = "Europe/Berlin" });
        var registered = new DateTimeOffset(2026, 10, 24, 8, 0, 0, TimeSpan.Zero);
        DateTimeOffset? Next(DateTimeOffset now) => cadence.Next(new PollContext(TrackingStatus.LabelCreated, null, registered, registered), now, new Random(1)).NextDue;

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 3, 0, 0, TimeSpan.Zero), Next(new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero))); // 02:00 local (CET): inside, 2 h
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 16, 0, 0, TimeSpan.Zero), Next(new DateTimeOffset(2026, 10, 25, 4, 0, 0, TimeSpan.Zero))); // 05:00 local: outside, 12 h
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 19, 0, 0, TimeSpan.Zero), Next(new DateTimeOffset(2026, 10, 25, 10, 0, 0, TimeSpan.Zero))); // 11:00 local: 12 h capped at 20:00 CET = 19:00 UTC
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 18, 0, 0, TimeSpan.Zero), Next(new DateTimeOffset(2026, 10, 24, 8, 0, 0, TimeSpan.Zero))); // the day before, 20:00 CEST = 18:00 UTC
    }

    [Fact]
    public void Next_LabelCreated_WithoutAPickupWindow_PollsAroundTheClock()
    {
        var night = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

        Assert.Equal(night.AddHours(2), _noJitter.Next(new PollContext(TrackingStatus.LabelCreated, null, night, night), night, new Random(1)).NextDue);
    }

    [Fact]
    public void Next_InTransitWithAFarEta_PollsTwiceADay()
    {
        DateTimeOffset eta = s_now.AddDays(4);

        Assert.Equal(TimeSpan.FromHours(12), Interval(new PollContext(TrackingStatus.InTransit, eta, s_now.AddHours(-1), s_now.AddDays(-1))));
    }

    [Fact]
    public void Next_ExceptionWithAnEta_KeepsTheTransitInterval()
    {
        Assert.Equal(TimeSpan.FromHours(3), Interval(new PollContext(TrackingStatus.Exception, s_now.AddDays(4), s_now.AddHours(-1), s_now.AddDays(-1))));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(6, 24)]
    [InlineData(30, 24)]
    public void Next_NotFound_BacksOffFromOneToTwentyFourHours(int misses, int hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), Interval(new PollContext(TrackingStatus.NotFound, null, null, s_now.AddHours(-1), misses)));
    }

    [Fact]
    public void Next_Delivered_OneConfirmationThenStop()
    {
        Assert.Equal(TimeSpan.FromHours(24), Interval(new PollContext(TrackingStatus.Delivered, null, s_now, s_now.AddDays(-2))));
        Assert.Null(Interval(new PollContext(TrackingStatus.Delivered, null, s_now, s_now.AddDays(-2), DeliveryConfirmed: true)));
    }

    [Theory]
    [InlineData(TrackingStatus.ReturnToSender)]
    [InlineData(TrackingStatus.Cancelled)]
    [InlineData(TrackingStatus.Expired)]
    public void Next_OtherTerminal_Stops(TrackingStatus status)
    {
        PollDecision decision = _noJitter.Next(new PollContext(status, null, s_now, s_now.AddDays(-2)), s_now, new Random(1));
        Assert.Null(decision.NextDue);
        Assert.False(decision.Expire);
    }

    [Fact]
    public void Next_SilentForThirtyDays_Expires()
    {
        PollDecision decision = _noJitter.Next(new PollContext(TrackingStatus.InTransit, null, s_now.AddDays(-31), s_now.AddDays(-40)), s_now, new Random(1));
        Assert.True(decision.Expire);
        Assert.Null(decision.NextDue);
    }

    [Fact]
    public void Next_WithJitter_StaysWithinTheBandAndVaries()
    {
        var cadence = new PollCadence(new PollCadenceOptions { Jitter = 0.1 });
        var random = new Random(42);
        var context = new PollContext(TrackingStatus.InTransit, null, s_now, s_now.AddDays(-1));
        TimeSpan[] intervals = [.. Enumerable.Range(0, 200).Select(_ => cadence.Next(context, s_now, random).NextDue!.Value - s_now)];

        Assert.All(intervals, i => Assert.InRange(i, TimeSpan.FromMinutes(162), TimeSpan.FromMinutes(198)));
        Assert.True(intervals.Distinct().Count() > 100);
    }

    [Fact]
    public void Next_FixedOverride_AppliesToActiveStatuses()
    {
        var cadence = new PollCadence(new PollCadenceOptions { Jitter = 0, Fixed = TimeSpan.FromSeconds(3) });
        PollDecision decision = cadence.Next(new PollContext(TrackingStatus.InTransit, null, s_now, s_now), s_now, new Random(1));
        Assert.Equal(s_now.AddSeconds(3), decision.NextDue);
    }
}
