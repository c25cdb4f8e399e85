using OrderTracking.Functions.Polling;

namespace OrderTracking.Functions.Tests.Polling;

public sealed class TickIntervalTests
{
    [Theory]
    [InlineData("0 */1 * * * *", 60)]
    [InlineData("*/10 * * * * *", 10)]
    [InlineData("*/1 * * * * *", 1)]
    [InlineData("*/5 * * * *", 300)]
    [InlineData("0 0 */2 * * *", 7200)]
    public void FromSchedule_ParsesTheHostsSchedule(string schedule, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), TickInterval.FromSchedule(schedule, TimeSpan.FromMinutes(9)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a cron")]
    [InlineData("%PollSchedule%")]
    public void FromSchedule_Unusable_FallsBack(string? schedule)
    {
        Assert.Equal(TimeSpan.FromMinutes(9), TickInterval.FromSchedule(schedule, TimeSpan.FromMinutes(9)));
    }
}
