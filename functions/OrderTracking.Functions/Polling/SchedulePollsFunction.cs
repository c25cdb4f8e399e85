using Microsoft.Azure.Functions.Worker;
using OrderTracking.Functions.Hosting;
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
        await RecordPoisonLengthsAsync(cancellationToken);
        return $"{Name}: {requests} poll request(s) enqueued";
    }

    /// <summary>The poison queues' lengths for the <c>poison queue length &gt; 0</c> alert: four reads a tick, on the one instance the timer runs on.</summary>
    private async Task RecordPoisonLengthsAsync(CancellationToken cancellationToken)
    {
        foreach (string queue in QueueNames.All)
        {
            try
            {
                int count = (await storage.Queue(QueueNames.Poison(queue)).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
                Telemetry.PoisonLength.Record(count, new KeyValuePair<string, object?>("queue", queue));
            }
            catch (global::Azure.RequestFailedException ex)
            {
                LogPoisonUnread(logger, queue, ex.Status);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SchedulePolls: the length of {Queue}'s poison queue could not be read (HTTP {Status})")]
    private static partial void LogPoisonUnread(ILogger logger, string queue, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "SchedulePolls: {Requests} poll request(s) enqueued")]
    private static partial void LogEnqueued(ILogger logger, int requests);
}
