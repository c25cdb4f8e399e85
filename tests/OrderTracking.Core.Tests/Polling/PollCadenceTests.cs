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
