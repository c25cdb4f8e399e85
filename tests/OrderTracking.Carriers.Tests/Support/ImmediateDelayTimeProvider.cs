using System.Collections.Concurrent;

namespace OrderTracking.Carriers.Tests.Support;

/// <summary>
/// System clock, but timers shorter than <see cref="ImmediateBelow"/> fire at once and their due times are recorded,
/// so retry back-offs and Retry-After waits run instantly and can be asserted. Longer timers (timeouts) never fire.
/// </summary>
public sealed class ImmediateDelayTimeProvider : TimeProvider
{
    public TimeSpan ImmediateBelow { get; init; } = TimeSpan.FromSeconds(14);

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan || dueTime >= ImmediateBelow)
        {
            return new InertTimer();
        }

        Delays.Enqueue(dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
