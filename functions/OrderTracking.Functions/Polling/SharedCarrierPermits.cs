using Azure;
using Azure.Data.Tables;
using OrderTracking.Carriers.Limits;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Polling;

/// <summary>
/// Carrier permits shared by every instance (DESIGN §5 <c>CarrierState</c> <c>budget|…</c> rows), so a carrier's
/// published limit holds for the app, not per process.
/// <list type="bullet">
/// <item><c>budget|rate</c> is a virtual-clock schedule (GCRA): <c>NextSlotAt</c> is the earliest time the next request
/// may go. A call reserves the slot <c>max(now, NextSlotAt)</c> by moving it one interval on under the row's ETag,
/// then waits until its slot; the calls waiting in one process at that moment share one reservation of consecutive
/// slots. Requests are spaced by <c>1 / (rate × 0.9)</c> across all instances, with no bursts at
/// window edges. A slot further away than the caller can wait is not taken: the call is deferred.</item>
/// <item><c>budget|day-{yyyyMMdd}</c> counts the UTC day's requests against <c>RequestsPerDay</c> (published daily
/// quotas reset at 24:00 GMT).</item>
/// <item>A 429 moves <c>NextSlotAt</c> to its Retry-After, so every instance's next request waits it out.</item>
/// </list>
/// A reserved slot whose caller crashes before sending, or reaches it more than <see cref="LateTolerance"/> late, is
/// simply unused: the budget errs on the safe side.
/// </summary>
internal sealed partial class SharedCarrierPermits(StorageContext storage, TimeProvider time, ILogger<SharedCarrierPermits> logger) : ICarrierPermits
{
    internal const string RateRow = "budget|rate";

    private TableClient Table => storage.Table(TableNames.CarrierState);

    internal static string DayRow(DateTimeOffset now) => $"budget|day-{now.UtcDateTime:yyyyMMdd}";

    /// <summary>The spacing between two requests to a carrier at <paramref name="limits"/>, with the safety margin, in whole milliseconds rounded up.</summary>
    internal static TimeSpan Interval(CarrierLimitsOptions limits) =>
        TimeSpan.FromMilliseconds(Math.Ceiling(1000 / (limits.RequestsPerSecond * CarrierLimitsOptions.PaceFactor)));

    /// <summary>The most waiting calls one reservation takes slots for.</summary>
    internal const int MaxReservationBatch = 64;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public async ValueTask<TimeSpan?> AcquireAsync(string carrier, CarrierLimitsOptions limits, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        TimeSpan interval = Interval(limits);
        for (int attempt = 0; ; attempt++)
        {
            (TimeSpan? wait, DateTimeOffset slot) = await ReserveAsync(carrier, limits, interval, maxWait, cancellationToken);
            if (wait is not null)
            {
                return wait;
            }

            DateTimeOffset now = time.GetUtcNow();
            if (slot > now)
            {
                await Task.Delay(slot - now, time, cancellationToken);
            }

            // A slot reached late (a slow reservation, a paused process) is given up rather than used late: a late
            // request bunches up with the next instance's on-time one, and a carrier counting a strict window would see
            // one too many. The next slot is taken instead.
            if (time.GetUtcNow() - slot > LateTolerance(interval) && attempt < 50)
            {
                continue;
            }

            return null;
        }
    }

    /// <summary>
    /// Reserves a slot for this call. The calls of one process and carrier queue at a local gate, and one reservation
    /// (a read and an ETag write of <c>budget|rate</c>) takes consecutive slots for every call waiting at that moment,
    /// up to <see cref="MaxReservationBatch"/>. So the row sees one writer per instance, not dozens of racing calls,
    /// and an instance's rate is not capped at one permit per storage round trip: with storage slower than the
    /// carrier's spacing (Azurite or a busy account under load, hundreds of ms), one permit per reservation polled at
    /// about 2 requests/s against a 20/s limit.
    /// </summary>
    private async Task<(TimeSpan? Wait, DateTimeOffset Slot)> ReserveAsync(
        string carrier, CarrierLimitsOptions limits, TimeSpan interval, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        Gate gate = _gates.GetOrAdd(carrier, _ => new Gate());
        var waiter = new Waiter(limits, interval, maxWait);
        bool pump;
        lock (gate.Lock)
        {
            gate.Pending.Enqueue(waiter);
            pump = !gate.Pumping;
            gate.Pumping = true;
        }

        if (pump)
        {
            _ = PumpAsync(carrier, gate);
        }

        // A call cancelled while its reservation is under way leaves its slot unused: the budget errs on the safe side.
        using CancellationTokenRegistration cancel = cancellationToken.Register(() => waiter.Done.TrySetCanceled(cancellationToken));
        return await waiter.Done.Task;
    }

    /// <summary>Runs reservations for the carrier's waiting calls until none is left waiting.</summary>
    private async Task PumpAsync(string carrier, Gate gate)
    {
        while (true)
        {
            var batch = new List<Waiter>();
            lock (gate.Lock)
            {
                while (gate.Pending.Count > 0 && batch.Count < MaxReservationBatch)
                {
                    Waiter next = gate.Pending.Dequeue();
                    if (!next.Done.Task.IsCompleted)
                    {
                        batch.Add(next);
                    }
                }

                if (batch.Count == 0)
                {
                    gate.Pumping = false;
                    return;
                }
            }

            try
            {
                await ReserveBatchAsync(carrier, batch);
            }
            catch (Exception ex)
            {
                foreach (Waiter waiter in batch)
                {
                    waiter.Done.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>
    /// One reservation for a batch of waiting calls: reads <c>NextSlotAt</c>, gives the calls consecutive slots from the
    /// later of it and now plus the lead, counts them against the day, and moves <c>NextSlotAt</c> past the last one
    /// under the row's ETag. A call whose slot would be further away than it can wait is deferred and takes no slot.
    /// A lost race (another instance wrote first) gives the day's count back and reads again.
    /// </summary>
    private async Task ReserveBatchAsync(string carrier, List<Waiter> batch)
    {
        CarrierLimitsOptions limits = batch[0].Limits;
        TimeSpan interval = batch[0].Interval;
        for (int attempt = 0; ; attempt++)
        {
            DateTimeOffset now = time.GetUtcNow();
            TableEntity? row = await Table.FindAsync(carrier, RateRow, ["NextSlotAt"], CancellationToken.None);
            DateTimeOffset next = row?.GetDateTimeOffset("NextSlotAt") ?? now;
            DateTimeOffset free = next > now ? next : now;

            // The slots are taken at least a lead ahead of now: the time this process's reservations take (read + write).
            // A slot at "now" would already be past once the write returns, and be given up as late; with slow storage
            // every attempt would be, burning a slot each time and starving the carrier.
            TimeSpan lead = Lead(carrier);
            DateTimeOffset first = next > now + lead ? next : now + lead;

            var takers = new List<Waiter>(batch.Count);
            var deferred = new List<(Waiter Waiter, TimeSpan Wait)>();
            foreach (Waiter waiter in batch)
            {
                TimeSpan until = free + (takers.Count * interval) - now;
                if (until > waiter.MaxWait)
                {
                    deferred.Add((waiter, until));
                }
                else
                {
                    takers.Add(waiter);
                }
            }

            int counted = takers.Count;
            if (limits.RequestsPerDay > 0 && counted > 0)
            {
                counted = await TakeDailyAsync(carrier, limits.RequestsPerDay, counted, now, CancellationToken.None);
                TimeSpan untilReset = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) - now;
                deferred.AddRange(takers.Skip(counted).Select(w => (w, untilReset)));
                takers.RemoveRange(counted, takers.Count - counted);
            }

            bool reserved = counted == 0;
            if (counted > 0)
            {
                var moved = new TableEntity(carrier, RateRow) { ["NextSlotAt"] = first + (counted * interval) };
                try
                {
                    if (row is null)
                    {
                        await Table.AddEntityAsync(moved, CancellationToken.None);
                    }
                    else
                    {
                        await Table.UpdateEntityAsync(moved, row.ETag, TableUpdateMode.Replace, CancellationToken.None);
                    }

                    reserved = true;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Another instance took these slots first: give the day's count back and read again.
                    if (limits.RequestsPerDay > 0)
                    {
                        await ReturnDailyAsync(carrier, counted, now, CancellationToken.None);
                    }
                }

                Observe(carrier, time.GetUtcNow() - now);
            }

            if (!reserved && attempt < 50)
            {
                continue;
            }

            if (!reserved)
            {
                LogContended(logger, carrier);
                deferred.AddRange(takers.Select(w => (w, interval)));
                takers.Clear();
            }

            for (int i = 0; i < takers.Count; i++)
            {
                takers[i].Done.TrySetResult((null, first + (i * interval)));
            }

            foreach ((Waiter waiter, TimeSpan wait) in deferred)
            {
                waiter.Done.TrySetResult((wait, now + wait));
            }

            return;
        }
    }

    /// <summary>The calls of one process waiting to reserve slots of one carrier.</summary>
    private sealed class Gate
    {
        public Lock Lock { get; } = new();

        public Queue<Waiter> Pending { get; } = new();

        public bool Pumping { get; set; }
    }

    /// <summary>One call waiting for a slot: its limits, how long it may wait, and where its answer goes.</summary>
    private sealed class Waiter(CarrierLimitsOptions limits, TimeSpan interval, TimeSpan maxWait)
    {
        public CarrierLimitsOptions Limits { get; } = limits;

        public TimeSpan Interval { get; } = interval;

        public TimeSpan MaxWait { get; } = maxWait;

        public TaskCompletionSource<(TimeSpan? Wait, DateTimeOffset Slot)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Twice the smoothed reservation time of this process for the carrier, at most <see cref="MaxLead"/> (zero until one was measured).</summary>
    private TimeSpan Lead(string carrier) =>
        _latency.TryGetValue(carrier, out long ticks) ? TimeSpan.FromTicks(Math.Min(2 * ticks, MaxLead.Ticks)) : TimeSpan.Zero;

    /// <summary>Follows a slower reservation at once and a faster one slowly (a tenth of the difference each time).</summary>
    private void Observe(string carrier, TimeSpan took)
    {
        long observed = Math.Max(0, took.Ticks);
        _latency.AddOrUpdate(carrier, observed, (_, previous) => observed >= previous ? observed : previous - ((previous - observed) / 10));
    }

    /// <summary>The longest lead taken: beyond it storage is too slow for paced requests anyway, and late slots are given up.</summary>
    internal static readonly TimeSpan MaxLead = TimeSpan.FromSeconds(2);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _latency = new(StringComparer.Ordinal);

    /// <summary>
    /// How late a request may go after its slot: a third of the spacing, at most 25 ms. Requests paced at 90 % of a
    /// per-second limit leave (1 / 0.9 − 1) × 1 s ≈ 111 ms of slack in any one-second window; a request this late
    /// cannot use it up, which leaves the rest for the network's jitter.
    /// </summary>
    internal static TimeSpan LateTolerance(TimeSpan interval) => interval / 3 < TimeSpan.FromMilliseconds(25) ? interval / 3 : TimeSpan.FromMilliseconds(25);

    /// <summary>The earliest time the carrier's next request may go (null: no request reserved yet).</summary>
    public async Task<DateTimeOffset?> NextSlotAsync(string carrier, CancellationToken cancellationToken) =>
        (await Table.FindAsync(carrier, RateRow, ["NextSlotAt"], cancellationToken))?.GetDateTimeOffset("NextSlotAt");

    /// <summary>
    /// How many requests fit in <c>[now, now + window)</c> at the carrier's pace, counting from its next free slot:
    /// what a scheduler may dispatch now without any of them waiting for budget.
    /// </summary>
    internal static int SlotsIn(DateTimeOffset now, DateTimeOffset? nextSlot, TimeSpan window, TimeSpan interval)
    {
        DateTimeOffset start = nextSlot > now ? nextSlot.Value : now;
        TimeSpan free = now + window - start;
        return free <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(free / interval);
    }

    public async ValueTask HoldUntilAsync(string carrier, DateTimeOffset until, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < 10; attempt++)
        {
            TableEntity? row = await Table.FindAsync(carrier, RateRow, ["NextSlotAt"], cancellationToken);
            if (row?.GetDateTimeOffset("NextSlotAt") >= until)
            {
                return;
            }

            var held = new TableEntity(carrier, RateRow) { ["NextSlotAt"] = until };
            try
            {
                if (row is null)
                {
                    await Table.AddEntityAsync(held, cancellationToken);
                }
                else
                {
                    await Table.UpdateEntityAsync(held, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                LogHeld(logger, carrier, until);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Moved meanwhile: read again; a later slot already holds the carrier back.
            }
        }
    }

    /// <summary>Counts up to <paramref name="count"/> requests against the day; how many the quota had room for (0 once it is used up).</summary>
    private async Task<int> TakeDailyAsync(string carrier, int perDay, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string rowKey = DayRow(now);
        while (true)
        {
            TableEntity? row = await Table.FindAsync(carrier, rowKey, ["Used"], cancellationToken);
            int used = row?.GetInt32("Used") ?? 0;
            int taken = Math.Min(count, perDay - used);
            if (taken <= 0)
            {
                return 0;
            }

            var counted = new TableEntity(carrier, rowKey) { ["Used"] = used + taken };
            try
            {
                if (row is null)
                {
                    await Table.AddEntityAsync(counted, cancellationToken);
                }
                else
                {
                    await Table.UpdateEntityAsync(counted, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return taken;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another request counted first: read again.
            }
        }
    }

    private async Task ReturnDailyAsync(string carrier, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string rowKey = DayRow(now);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            TableEntity? row = await Table.FindAsync(carrier, rowKey, ["Used"], cancellationToken);
            if (row is null || (row.GetInt32("Used") ?? 0) <= 0)
            {
                return;
            }

            try
            {
                await Table.UpdateEntityAsync(new TableEntity(carrier, rowKey) { ["Used"] = Math.Max(0, row.GetInt32("Used")!.Value - count) }, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrier {Carrier} answered 429: every instance holds its requests until {Until:o}")]
    private static partial void LogHeld(ILogger logger, string carrier, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Carrier {Carrier}: the shared budget row stayed contended; this request is deferred")]
    private static partial void LogContended(ILogger logger, string carrier);
}
