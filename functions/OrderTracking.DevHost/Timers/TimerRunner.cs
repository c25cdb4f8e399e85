using NCrontab;
using OrderTracking.DevHost.Invocation;
using OrderTracking.DevHost.Logging;

namespace OrderTracking.DevHost.Timers;

/// <summary>
/// Fires one timer function on its NCRONTAB schedule in UTC (reference §6, §8.7). Invocations of the same timer never
/// overlap: the next occurrence is computed after the previous run ends (occurrences missed meanwhile are skipped, as
/// the host's <c>TimerListener</c> does), and manual runs wait for a running one.
/// </summary>
internal sealed class TimerRunner(FunctionDescriptor function, CrontabSchedule schedule, FunctionExecutor executor, TimeProvider timeProvider, ILogger logger) : IDisposable
{
    private static readonly TimeSpan s_pastDueTolerance = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (function.TriggerBinding.GetBoolean("runOnStartup", defaultValue: false))
        {
            await TryInvokeAsync(isPastDue: false, cancellationToken).ConfigureAwait(false);
        }

        DateTime last = DateTime.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            DateTime now = timeProvider.GetUtcNow().UtcDateTime;
            DateTime next = schedule.GetNextOccurrence(now > last ? now : last);
            DevHostLog.TimerScheduled(logger, function.Name, new DateTimeOffset(next, TimeSpan.Zero));
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
            var envelope = TimerEnvelopeBuilder.Build(function, isPastDue, timeProvider.GetUtcNow());
            return await executor.RunAsync(function, envelope, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task TryInvokeAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        try
        {
            // Timers do not retry by default (reference §3.4); a failure is logged by the executor.
            await InvokeAsync(isPastDue, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            DevHostLog.TimerFailed(logger, function.Name, "cancelled");
        }
    }
}
