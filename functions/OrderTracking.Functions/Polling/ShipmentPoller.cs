using OrderTracking.Functions.Hosting;
using OrderTracking.Carriers;
using OrderTracking.Core.Carriers;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Polling;

/// <summary>
/// <c>PollCarrier</c> (DESIGN §4, §7): calls the carrier for a leased batch, merges each answer into every order's
/// shipment row (ETags, retried on 412), and moves the schedule row to the next due time.
/// Exactly-once effects under at-least-once delivery come from the owning shipment row:
/// <list type="bullet">
/// <item>its <c>ScheduleRowKey</c> equals the request's origin → a fresh poll;</item>
/// <item>its <c>LastLeaseRowKey</c> equals the request's lease → a retry after a crash: only finish the schedule move;</item>
/// <item>anything else → a duplicate or stale request: drop its lease row.</item>
/// </list>
/// </summary>
internal sealed partial class ShipmentPoller(
    CarrierRegistry carriers, ShipmentUpdater updater, CarrierSwitcher switcher, PollScheduleStore schedule, CarrierStateStore carrierState,
    PollingOptions options, TimeProvider time, ILogger<ShipmentPoller> logger)
{
    public async Task PollAsync(PollRequest request, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();

        // Stale check first: a duplicate request, or the retry of one whose answer is already stored, must not spend
        // the carrier's budget. Only items whose schedule row is still the one leased go to the carrier. The rows read
        // here are what the merge starts from (ETag-guarded), so a poll reads each row once, not twice.
        var fresh = new List<PollItem>();
        var rows = new IReadOnlyList<ShipmentRecord>[request.Items.Count];
        for (int i = 0; i < request.Items.Count; i++)
        {
            rows[i] = await updater.ReadRowsAsync(request.Carrier, request.Items[i], cancellationToken);
            if (ShipmentUpdater.IsFresh(rows[i], request.Items[i]))
            {
                fresh.Add(request.Items[i]);
            }
        }

        IReadOnlyDictionary<string, CarrierTrackingResult> results;
        if (fresh.Count == 0)
        {
            results = new Dictionary<string, CarrierTrackingResult>();
        }
        else if (carriers.TryGet(request.Carrier, out ICarrierTracker? tracker))
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            results = await tracker.TrackAsync(
                [.. fresh.Select(i => new CarrierTrackingRequest(i.TrackingNumber, i.RegisteredAt))], cancellationToken);
            RecordCall(request.Carrier, results.Values, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        else
        {
            LogCarrierUnavailable(logger, request.Carrier);
            results = fresh.ToDictionary(i => i.TrackingNumber, _ => CarrierTrackingResult.Failed("carrier not configured", options.UnavailableCarrierRetry));
        }

        TimeSpan? throttle = results.Values.Where(r => r.Kind == CarrierResultKind.Throttled).Select(r => r.RetryAfter ?? options.ThrottleBackOff).DefaultIfEmpty().Max();
        if (throttle > TimeSpan.Zero)
        {
            // Retry-After counts from the answer, not from the start of the call: in-call retries that honour a short
            // Retry-After, and the local limiter's queue, can take longer than the cool-down itself.
            await carrierState.ExtendCooldownAsync(request.Carrier, time.GetUtcNow() + throttle.Value, cancellationToken);
        }

        for (int i = 0; i < request.Items.Count; i++)
        {
            PollItem item = request.Items[i];
            // Items left out of the call only finish their schedule move (or drop a stale lease) in ApplyAsync; the
            // placeholder is never merged into a shipment whose schedule moved on.
            CarrierTrackingResult result = results.TryGetValue(item.TrackingNumber, out CarrierTrackingResult? r)
                ? r
                : fresh.Contains(item) ? CarrierTrackingResult.Failed("no result for number") : CarrierTrackingResult.Deferred(TimeSpan.FromSeconds(1));
            if (result.Kind == CarrierResultKind.NotFound && await switcher.TrySwitchAsync(request.Carrier, item, now, cancellationToken))
            {
                await schedule.CompleteAsync(request.Carrier, item.Shard, item.LeaseRowKey, null, item.TrackingNumber, item.RegisteredAt, cancellationToken);
                continue;
            }

            string? next = await updater.ApplyAsync(request.Carrier, item, result, now, rows[i], cancellationToken);
            await schedule.CompleteAsync(request.Carrier, item.Shard, item.LeaseRowKey, next, item.TrackingNumber, item.RegisteredAt, cancellationToken);
        }
    }

    private static void RecordCall(string carrier, IEnumerable<CarrierTrackingResult> results, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("carrier", carrier);
        Telemetry.CarrierLatency.Record(elapsed.TotalMilliseconds, tag);
        foreach (IGrouping<CarrierResultKind, CarrierTrackingResult> kind in results.GroupBy(r => r.Kind))
        {
            Telemetry.CarrierCalls.Add(kind.Count(), tag, new KeyValuePair<string, object?>("outcome", kind.Key.ToString()));
            if (kind.Key == CarrierResultKind.Throttled)
            {
                Telemetry.CarrierThrottled.Add(kind.Count(), tag);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Carrier {Carrier} is not configured on this instance; its shipments are retried later")]
    private static partial void LogCarrierUnavailable(ILogger logger, string carrier);
}
