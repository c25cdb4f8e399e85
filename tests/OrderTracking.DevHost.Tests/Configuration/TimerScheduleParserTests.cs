using NCrontab;
using OrderTracking.DevHost.Timers;

namespace OrderTracking.DevHost.Tests.Configuration;

public sealed class TimerScheduleParserTests
{
    private static readonly DateTime s_start = new(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("*/1 * * * * *", "2026-05-01T10:00:01")]
    [InlineData("0 */5 * * * *", "2026-05-01T10:05:00")]
    [InlineData("30 9 * * *", "2026-05-02T09:30:00")] // five fields: minute-based
    [InlineData("0 30 9 * * 1-5", "2026-05-04T09:30:00")] // Friday 10:00 -> Monday 09:30
    public void Parse_Expression_NextOccurrenceInUtc(string expression, string expected)
    {
        CrontabSchedule schedule = TimerScheduleParser.Parse(expression, "test");

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), schedule.GetNextOccurrence(s_start));
    }

    [Theory]
    [InlineData("")]
    [InlineData("* * *")]
    [InlineData("61 * * * * *")]
    public void Parse_Invalid_ThrowsConfigurationException(string expression)
    {
        Assert.Throws<DevHostConfigurationException>(() => TimerScheduleParser.Parse(expression, "test"));
    }
}
