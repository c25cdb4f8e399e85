using Microsoft.Azure.Functions.Worker;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Polling;

/// <summary><c>SchedulePolls</c>: timer (<c>%PollSchedule%</c>) → <c>poll-requests</c>. The host runs one at a time app-wide.</summary>
internal sealed partial class SchedulePollsFunction(PollScheduler scheduler, StorageContext storage, ILogger<SchedulePollsFunction> logger)
{
    public const string Name = "SchedulePolls";

    [Function(Name)]
    public Task RunAsync([TimerTrigger("%PollSchedule%")] TimerInfo timer, CancellationToken cancellationToken) => HandleAsync(cancellationToken);

    public async Task<string> HandleAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        int requests = await scheduler.RunOnceAsync(cancellationToken);
        LogEnqueued(logger, requests);
        return $"{Name}: {requests} poll request(s) enqueued";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SchedulePolls: {Requests} poll request(s) enqueued")]
    private static partial void LogEnqueued(ILogger logger, int requests);
}
