using Microsoft.Azure.Functions.Worker;

namespace OrderTracking.DevHost.TestApp;

/// <summary>A timer on <c>%TickSchedule%</c> that records each run's start and end, sleeping <c>TickSleepMs</c> in between.</summary>
public sealed class TimerFunctions
{
    [Function("Tick")]
    public async Task TickAsync([TimerTrigger("%TickSchedule%")] TimerInfo timer, FunctionContext context)
    {
        DateTime started = DateTime.UtcNow;
        int sleep = int.TryParse(Environment.GetEnvironmentVariable("TickSleepMs"), out int ms) ? ms : 0;
        if (sleep > 0)
        {
            await Task.Delay(sleep, context.CancellationToken);
        }

        Recorder.Write("tick", new
        {
            started,
            ended = DateTime.UtcNow,
            timer.IsPastDue,
            last = timer.ScheduleStatus?.Last,
            next = timer.ScheduleStatus?.Next,
            processId = Environment.ProcessId,
        });
    }
}
