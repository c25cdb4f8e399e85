using NCrontab;

namespace OrderTracking.Functions.Polling;

/// <summary>
/// The time between <c>SchedulePolls</c> ticks, read from the same <c>PollSchedule</c> NCRONTAB the host fires it on
/// (6 fields, 5 tolerated, as the host parses it), so per-tick budgets follow the real cadence.
/// </summary>
internal static class TickInterval
{
    public static TimeSpan FromSchedule(string? schedule, TimeSpan fallback)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return fallback;
        }

        bool withSeconds = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5;
        CrontabSchedule? cron = CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = withSeconds });
        if (cron is null)
        {
            return fallback;
        }

        DateTime first = cron.GetNextOccurrence(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        DateTime second = cron.GetNextOccurrence(first);
        return second > first ? second - first : fallback;
    }
}
