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
/// may go. A caller reserves the slot <c>max(now, NextSlotAt)</c> by moving it one interval on under the row's ETag,
/// then waits until its slot. Requests are spaced by <c>1 / (rate × 0.9)</c> across all instances, with no bursts at
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

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async ValueTask<TimeSpan?> AcquireAsync(string carrier, CarrierLimitsOptions limits, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        TimeSpan interval = Interval(limits);
        for (int attempt = 0; ; attempt++)
        {
            (TimeSpan? wait, DateTimeOffset slot, bool retry) = await ReserveAsync(carrier, limits, interval, maxWait, attempt, cancellationToken);
            if (wait is not null || retry)
            {
                if (retry)
                {
                    continue;
                }

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
    /// Reserves the next slot under the row's ETag. One reservation at a time per process and carrier (a local gate):
    /// the calls of one instance queue here instead of racing each other on the row, so the row sees at most one writer
    /// per instance and a reservation costs two round trips, not dozens of lost races.
    /// </summary>
    private async Task<(TimeSpan? Wait, DateTimeOffset Slot, bool Retry)> ReserveAsync(
        string carrier, CarrierLimitsOptions limits, TimeSpan interval, TimeSpan maxWait, int attempt, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate = _gates.GetOrAdd(carrier, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset now = time.GetUtcNow();
            TableEntity? row = await Table.FindAsync(carrier, RateRow, ["NextSlotAt"], cancellationToken);
            DateTimeOffset next = row?.GetDateTimeOffset("NextSlotAt") ?? now;
            if (next - now > maxWait)
            {
                return (next - now, next, false);
            }

            // The slot is taken at least a lead ahead of now: the time this process's reservations take (read + write).
            // A slot at "now" would already be past once the write returns, and be given up as late; with slow storage
            // (hundreds of ms under load) every attempt would be, burning a slot each time and starving the carrier.
            TimeSpan lead = Lead(carrier);
            DateTimeOffset slot = next > now + lead ? next : now + lead;

            if (limits.RequestsPerDay > 0 && await TakeDailyAsync(carrier, limits.RequestsPerDay, now, cancellationToken) is TimeSpan untilReset)
            {
                return (untilReset, slot, false);
            }

            var reserved = new TableEntity(carrier, RateRow) { ["NextSlotAt"] = slot + interval };
            try
            {
                if (row is null)
                {
                    await Table.AddEntityAsync(reserved, cancellationToken);
                }
                else
                {
                    await Table.UpdateEntityAsync(reserved, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                Observe(carrier, time.GetUtcNow() - now);
                return (null, slot, false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                Observe(carrier, time.GetUtcNow() - now);
                // Another instance took this slot first: give the day's count back and try the next one.
                if (limits.RequestsPerDay > 0)
                {
                    await ReturnDailyAsync(carrier, now, cancellationToken);
                }

                if (attempt >= 50)
                {
                    LogContended(logger, carrier);
                    return (interval, slot, false);
                }

                return (null, slot, true);
            }
        }
        finally
        {
            gate.Release();
        }
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

    /// <summary>Counts one request against the day; the time until the UTC day ends when the quota is used up.</summary>
    private async Task<TimeSpan?> TakeDailyAsync(string carrier, int perDay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string rowKey = DayRow(now);
        while (true)
        {
            TableEntity? row = await Table.FindAsync(carrier, rowKey, ["Used"], cancellationToken);
            int used = row?.GetInt32("Used") ?? 0;
            if (used >= perDay)
            {
                return new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) - now;
            }

            var counted = new TableEntity(carrier, rowKey) { ["Used"] = used + 1 };
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

                return null;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another request counted first: read again.
            }
        }
    }

    private async Task ReturnDailyAsync(string carrier, DateTimeOffset now, CancellationToken cancellationToken)
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
                await Table.UpdateEntityAsync(new TableEntity(carrier, rowKey) { ["Used"] = row.GetInt32("Used")!.Value - 1 }, row.ETag, TableUpdateMode.Replace, cancellationToken);
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
