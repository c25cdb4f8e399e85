using NCrontab;
using OrderTracking.DevHost.Logging;

namespace OrderTracking.DevHost.Timers;

/// <summary>
/// Fires one timer function on its NCRONTAB schedule in UTC (reference §5). Invocations of the same timer never
/// overlap: the next occurrence is computed after the previous run ends (occurrences missed meanwhile are skipped, as
/// the host's <c>TimerListener</c> does), and manual runs wait for a running one. The schedule status (<c>Last</c>,
/// <c>Next</c>, <c>LastUpdated</c>) is kept in memory and passed when the monitor is on (<c>useMonitor</c>, default on
/// unless the schedule fires more often than once a minute).
/// </summary>
internal sealed class TimerRunner(string functionName, CrontabSchedule schedule, TimerRunner.Options options, TimerRunner.Invoke invoke, TimeProvider timeProvider, ILogger logger) : IDisposable
{
    private static readonly TimeSpan s_pastDueTolerance = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TimerScheduleStatus? _status;

    /// <summary>Runs the function once.</summary>
    public delegate Task<InvocationResult> Invoke(TimerTriggerData trigger, CancellationToken cancellationToken);

    /// <summary><c>runOnStartup</c> and <c>useMonitor</c> of the binding.</summary>
    public sealed record Options(bool RunOnStartup, bool? UseMonitor);

    /// <summary>True when the schedule status is passed to the function (reference §5.2).</summary>
    public bool UsesMonitor => options.UseMonitor ?? !FiresMoreThanOncePerMinute(schedule, timeProvider.GetUtcNow().UtcDateTime);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.RunOnStartup)
        {
            await TryInvokeAsync(isPastDue: false, cancellationToken).ConfigureAwait(false);
        }

        DateTime last = DateTime.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            DateTime now = timeProvider.GetUtcNow().UtcDateTime;
            DateTime next = schedule.GetNextOccurrence(now > last ? now : last);
            DevHostLog.TimerScheduled(logger, functionName, new DateTimeOffset(next, TimeSpan.Zero));
            TimeSpan wait = next - now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            last = next;
            bool pastDue = timeProvider.GetUtcNow().UtcDateTime - next > s_pastDueTolerance;
            await TryInvokeAsync(pastDue, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<InvocationResult> InvokeAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTime now = timeProvider.GetUtcNow().UtcDateTime;
            TimerScheduleStatus? status = UsesMonitor
                ? _status ?? new TimerScheduleStatus(DateTime.MinValue, schedule.GetNextOccurrence(now), DateTime.MinValue)
                : null;
            InvocationResult result = await invoke(new TimerTriggerData(isPastDue, status), cancellationToken).ConfigureAwait(false);
            DateTime finished = timeProvider.GetUtcNow().UtcDateTime;
            _status = new TimerScheduleStatus(now, schedule.GetNextOccurrence(finished), finished); // failures never stop the schedule
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static bool FiresMoreThanOncePerMinute(CrontabSchedule schedule, DateTime now)
    {
        DateTime first = schedule.GetNextOccurrence(now);
        return schedule.GetNextOccurrence(first) - first < TimeSpan.FromMinutes(1);
    }

    private async Task TryInvokeAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        try
        {
            // Timers do not retry by default; a failure is logged by the invoker.
            await InvokeAsync(isPastDue, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            DevHostLog.TimerFailed(logger, functionName, "cancelled");
        }
    }
}

/// <summary>What a timer invocation carries: <c>IsPastDue</c> and the schedule status (null with the monitor off).</summary>
internal sealed record TimerTriggerData(bool IsPastDue, TimerScheduleStatus? Status);

/// <summary><c>ScheduleStatus</c> of the timer payload (reference §5.1).</summary>
internal sealed record TimerScheduleStatus(DateTime Last, DateTime Next, DateTime LastUpdated);
