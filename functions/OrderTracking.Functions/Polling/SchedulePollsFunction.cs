using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Polling;

/// <summary><c>SchedulePolls</c>: timer (<c>%PollSchedule%</c>) → <c>poll-requests</c>.</summary>
internal sealed class SchedulePollsFunction(PollScheduler scheduler, StorageContext storage) : ITimerHandler
{
    public const string Name = "SchedulePolls";

    public async Task<InvocationResponse> HandleAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        int requests = await scheduler.RunOnceAsync(cancellationToken);
        return InvocationResponse.WithLogs($"{Name}: {requests} poll request(s) enqueued");
    }
}
