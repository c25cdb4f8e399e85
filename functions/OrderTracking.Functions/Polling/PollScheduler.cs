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
/// <c>poll-requests</c> spread over the tick at the permits' pace.
/// </summary>
internal sealed partial class PollScheduler(
    CarrierRegistry carriers, CarrierBudget budget, SharedCarrierPermits permits, PollScheduleStore schedule, CarrierStateStore carrierState, StorageContext storage,
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

        // Never more than the shared budget lets through, counted from its next free slot (other instances' requests
        // included) or from the end of what earlier ticks already sent, whichever is later: a request leased and then
        // held back by the budget would wait out its lease. The window reaches a lead past the next tick, so the
        // carrier's queue never runs dry while the next tick leases and sends (the tick boundary was an idle gap).
        TimeSpan interval = SharedCarrierPermits.Interval(budget.For(tracker.Carrier));
        DateTimeOffset? nextSlot = await permits.NextSlotAsync(tracker.Carrier, cancellationToken);
        DateTimeOffset? planned = await carrierState.GetDispatchedUntilAsync(tracker.Carrier, cancellationToken);
        DateTimeOffset start = Latest(now, Latest(nextSlot ?? now, planned ?? now));
        TimeSpan window = options.TickInterval + Lead(options.TickInterval);
        int requests = Math.Min(
            Math.Min(options.MaxRequestsPerTick, budget.MaxRequestsIn(tracker.Carrier, window)),
            SharedCarrierPermits.SlotsIn(now, start, window, interval));
        if (requests == 0)
        {
            return 0;
        }

        int remaining = requests * batch;
        var dispatch = new Dispatch(storage.Queue(QueueNames.PollRequests), tracker.Carrier, batch, start, interval, window, time);

        // Start at a rotating shard so a backlog in one shard cannot starve the others when the budget runs out.
        // Each lease transaction's rows are sent before the next is leased: a crash mid-tick leaves at most one
        // transaction's rows leased without a request (they are polled when their lease ends), not the whole tick's.
        int first = (int)((now.UtcTicks / TimeSpan.TicksPerSecond) % options.ShardCount);
        for (int i = 0; i < options.ShardCount && remaining > 0; i++)
        {
            int shard = (first + i) % options.ShardCount;
            IReadOnlyList<ScheduleRow> due = await schedule.GetDueAsync(tracker.Carrier, shard, now, remaining, cancellationToken);
            foreach (ScheduleRow[] rows in due.Chunk(PollScheduleStore.MaxRowsPerTransaction))
            {
                foreach ((ScheduleRow row, string lease) in await schedule.LeaseManyAsync(rows, now + options.Lease, cancellationToken))
                {
                    dispatch.Pending.Add(new PollItem(row.TrackingNumber, shard, row.RegisteredAt, row.OriginRowKey, lease));
                    remaining--;
                }

                await dispatch.SendAsync(full: true, cancellationToken);
            }
        }

        await dispatch.SendAsync(full: false, cancellationToken);
        int enqueued = dispatch.Requests;
        if (enqueued > 0)
        {
            await carrierState.SetDispatchedUntilAsync(tracker.Carrier, start + (interval * enqueued), cancellationToken);
        }

        if (dispatch.Numbers > 0)
        {
            TimeSpan took = time.GetUtcNow() - now;
            LogScheduled(logger, tracker.Carrier, dispatch.Numbers, enqueued, start - now, took);
        }

        return enqueued;
    }

    /// <summary>How far past the next tick a tick dispatches: a quarter of the tick, at most 15 s.</summary>
    internal static TimeSpan Lead(TimeSpan tick) => tick / 4 < TimeSpan.FromSeconds(15) ? tick / 4 : TimeSpan.FromSeconds(15);

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// The tick's requests for one carrier, sent as their items are leased: request <c>k</c> becomes visible at
    /// <c>start + k × interval</c> (visibilityTimeout), spread over the window instead of a burst that would wait on the
    /// budget. The delay is taken at each send, so the time the sends themselves take (a thousand of them: seconds) does
    /// not push the whole plan later.
    /// </summary>
    private sealed class Dispatch(QueueClient queue, string carrier, int batch, DateTimeOffset start, TimeSpan interval, TimeSpan window, TimeProvider time)
    {
        public List<PollItem> Pending { get; } = [];

        public int Requests { get; private set; }

        public int Numbers { get; private set; }

        /// <summary>
        /// Sends the pending items in requests of <c>batch</c>; the last partial one too unless <paramref name="full"/>.
        /// The requests go <see cref="SendConcurrency"/> at a time. One at a time, the first tick of a 2,000-shipment drain
        /// sent 1,340 requests in 24 s (56 a second, not far above a 20/s carrier's pace); slower stretches put it behind
        /// its own plan and the carrier's queue ran dry (gaps of 1–2.3 s). Each request's visibility comes from its place
        /// in the plan, not from the order the sends finish in.
        /// </summary>
        public async Task SendAsync(bool full, CancellationToken cancellationToken)
        {
            int count = full ? Pending.Count / batch : (Pending.Count + batch - 1) / batch;
            if (count == 0)
            {
                return;
            }

            (PollItem[] Items, int Index)[] requests = [.. Enumerable.Range(0, count).Select(i => (Pending.Skip(i * batch).Take(batch).ToArray(), Requests + i))];
            await Parallel.ForEachAsync(
                requests,
                new ParallelOptions { MaxDegreeOfParallelism = SendConcurrency, CancellationToken = cancellationToken },
                async (request, ct) =>
                {
                    TimeSpan delay = start + (interval * request.Index) - time.GetUtcNow();
                    delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay < window ? delay : window;
                    await queue.SendMessageAsync(
                        JsonSerializer.Serialize(new PollRequest { Carrier = carrier, Items = request.Items }, Json.Options), visibilityTimeout: delay, cancellationToken: ct);
                });
            int sent = requests.Sum(r => r.Items.Length);
            Pending.RemoveRange(0, sent);
            Requests += count;
            Numbers += sent;
        }
    }

    /// <summary>How many of a tick's sends are in flight at once.</summary>
    internal const int SendConcurrency = 8;

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrier {Carrier} is cooling down until {Until:o}; nothing scheduled")]
    private static partial void LogCooldown(ILogger logger, string carrier, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrier {Carrier}: {Numbers} due numbers leased into {Requests} poll requests, the first due in {FirstIn}, sent in {Took}")]
    private static partial void LogScheduled(ILogger logger, string carrier, int numbers, int requests, TimeSpan firstIn, TimeSpan took);
}
