using System.Text.Json;
using Azure.Storage.Queues;
using OrderTracking.Carriers;
using OrderTracking.Carriers.Limits;
using OrderTracking.Core.Carriers;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Polling;

/// <summary>
/// <c>SchedulePolls</c> (DESIGN §7): the only place that decides what to poll. Per carrier, outside a shared
/// cool-down, it takes due rows shard by shard up to the carrier's budget for this tick, leases them (moves them
/// forward so a crash re-polls rather than loses them), groups them into the carrier's batch size and enqueues
/// <c>poll-requests</c>.
/// </summary>
internal sealed partial class PollScheduler(
    CarrierRegistry carriers, CarrierBudget budget, PollScheduleStore schedule, CarrierStateStore carrierState, StorageContext storage,
    PollingOptions options, TimeProvider time, ILogger<PollScheduler> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        int enqueued = 0;
        foreach (ICarrierTracker tracker in carriers.All)
        {
            DateTimeOffset? cooldown = await carrierState.GetCooldownUntilAsync(tracker.Carrier, cancellationToken);
            if (cooldown > now)
            {
                LogCooldown(logger, tracker.Carrier, cooldown.Value);
                continue;
            }

            enqueued += await ScheduleCarrierAsync(tracker, now, cancellationToken);
        }

        return enqueued;
    }

    private async Task<int> ScheduleCarrierAsync(ICarrierTracker tracker, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int batch = Math.Max(1, Math.Min(tracker.MaxBatch, budget.MaxBatch(tracker.Carrier)));
        int requests = Math.Min(options.MaxRequestsPerTick, budget.MaxRequestsIn(tracker.Carrier, options.TickInterval));
        int remaining = requests * batch;
        var leased = new List<PollItem>();

        // Start at a rotating shard so a backlog in one shard cannot starve the others when the budget runs out.
        int first = (int)((now.UtcTicks / TimeSpan.TicksPerSecond) % options.ShardCount);
        for (int i = 0; i < options.ShardCount && remaining > 0; i++)
        {
            int shard = (first + i) % options.ShardCount;
            foreach (ScheduleRow row in await schedule.GetDueAsync(tracker.Carrier, shard, now, remaining, cancellationToken))
            {
                string? lease = await schedule.LeaseAsync(row, now + options.Lease, cancellationToken);
                if (lease is not null)
                {
                    leased.Add(new PollItem(row.TrackingNumber, shard, row.RegisteredAt, row.OriginRowKey, lease));
                    remaining--;
                }
            }
        }

        QueueClient queue = storage.Queue(QueueNames.PollRequests);
        foreach (PollItem[] chunk in leased.Chunk(batch))
        {
            var request = new PollRequest { Carrier = tracker.Carrier, Items = chunk };
            await queue.SendMessageAsync(JsonSerializer.Serialize(request, Json.Options), cancellationToken: cancellationToken);
        }

        int enqueued = (leased.Count + batch - 1) / batch;
        if (leased.Count > 0)
        {
            LogScheduled(logger, tracker.Carrier, leased.Count, enqueued);
        }

        return enqueued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrier {Carrier} is cooling down until {Until:o}; nothing scheduled")]
    private static partial void LogCooldown(ILogger logger, string carrier, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrier {Carrier}: {Numbers} due numbers leased into {Requests} poll requests")]
    private static partial void LogScheduled(ILogger logger, string carrier, int numbers, int requests);
}
