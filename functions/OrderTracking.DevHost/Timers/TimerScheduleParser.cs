using NCrontab;

namespace OrderTracking.DevHost.Timers;

/// <summary>
/// Parses NCRONTAB with NCrontab.Signed, as the host does: six fields (with seconds); exactly five fields are read as
/// minute-based, like <c>CronSchedule.CreateParseOptions</c> (reference §6). Times are UTC.
/// </summary>
internal static class TimerScheduleParser
{
    public static CrontabSchedule Parse(string expression, string context)
    {
        int fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var options = new CrontabSchedule.ParseOptions { IncludingSeconds = fields != 5 };
        CrontabSchedule? schedule = CrontabSchedule.TryParse(expression, options);
        return schedule ?? throw new DevHostConfigurationException(
            $"{context}: schedule '{expression}' is not a valid NCRONTAB expression ('{{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}', UTC).");
    }
}
