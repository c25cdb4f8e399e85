using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.Carriers.Limits;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tests.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Polling;

/// <summary>
/// The carrier budget every instance shares (<c>CarrierState</c> <c>budget|…</c> rows) on Azurite, on a frozen clock
/// with no waiting allowed, so each answer is exactly "granted now" or "not before".
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class SharedCarrierPermitsTests(AzuriteFixture azurite)
{
    private static readonly CarrierLimitsOptions s_fivePerSecond = new() { RequestsPerSecond = 5, RequestsPerDay = 0, MaxBatch = 1 };
    private static readonly CarrierLimitsOptions s_twentyPerSecond = new() { RequestsPerSecond = 20, RequestsPerDay = 0, MaxBatch = 1 };
    private static readonly CancellationToken s_none = CancellationToken.None;

    private async Task<(SharedCarrierPermits[] Instances, FakeTimeProvider Time)> InstancesAsync(int count)
    {
        StorageContext storage = await StoreCollection.StorageAsync(azurite);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 23, 59, 0, TimeSpan.Zero));
        return ([.. Enumerable.Range(0, count).Select(_ => new SharedCarrierPermits(storage, time, NullLogger<SharedCarrierPermits>.Instance))], time);
    }

    [Fact]
    public async Task Permits_AreSpacedByTheIntervalAcrossInstances()
    {
        (SharedCarrierPermits[] instances, FakeTimeProvider time) = await InstancesAsync(2);
        string carrier = StoreCollection.Unique("c");
        TimeSpan interval = SharedCarrierPermits.Interval(s_fivePerSecond);

        Assert.Null(await instances[0].AcquireAsync(carrier, s_fivePerSecond, TimeSpan.Zero, s_none));
        TimeSpan? wait = await instances[1].AcquireAsync(carrier, s_fivePerSecond, TimeSpan.Zero, s_none);
        Assert.Equal(interval, wait);
        time.Advance(interval - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await instances[1].AcquireAsync(carrier, s_fivePerSecond, TimeSpan.Zero, s_none));
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(await instances[1].AcquireAsync(carrier, s_fivePerSecond, TimeSpan.Zero, s_none));
        Assert.Equal(TimeSpan.FromMilliseconds(223), interval); // 90 % of 5/s, rounded up
    }

    [Fact]
    public async Task ConcurrentCallers_OnFourInstances_GetExactlyOnePermitPerInterval()
    {
        (SharedCarrierPermits[] instances, FakeTimeProvider time) = await InstancesAsync(4);
        string carrier = StoreCollection.Unique("c");
        int granted = 0;
        for (int tick = 0; tick < 5; tick++)
        {
            TimeSpan?[] answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
                instances[i % 4].AcquireAsync(carrier, s_fivePerSecond, TimeSpan.Zero, s_none).AsTask()));

            Assert.Single(answers, a => a is null);
            granted++;
            time.Advance(SharedCarrierPermits.Interval(s_fivePerSecond));
        }

        Assert.Equal(5, granted);
    }

    [Fact]
    public async Task DailyQuota_IsSharedAndResetsAtUtcMidnight()
    {
        (SharedCarrierPermits[] instances, FakeTimeProvider time) = await InstancesAsync(2);
        string carrier = StoreCollection.Unique("c");
        var limits = new CarrierLimitsOptions { RequestsPerSecond = 100, RequestsPerDay = 3, MaxBatch = 1 };

        for (int i = 0; i < 3; i++)
        {
            Assert.Null(await instances[i % 2].AcquireAsync(carrier, limits, TimeSpan.Zero, s_none));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromSeconds(57), await instances[1].AcquireAsync(carrier, limits, TimeSpan.Zero, s_none)); // 23:59:03 → midnight
        time.Advance(TimeSpan.FromSeconds(57));
        Assert.Null(await instances[0].AcquireAsync(carrier, limits, TimeSpan.Zero, s_none));
    }

    [Fact]
    public async Task A429Hold_KeepsEveryInstanceBack_UntilItEnds_AndIsNeverShortened()
    {
        (SharedCarrierPermits[] instances, FakeTimeProvider time) = await InstancesAsync(2);
        string carrier = StoreCollection.Unique("c");
        await instances[0].HoldUntilAsync(carrier, time.GetUtcNow().AddSeconds(60), s_none);
        await instances[1].HoldUntilAsync(carrier, time.GetUtcNow().AddSeconds(10), s_none);

        Assert.Equal(TimeSpan.FromSeconds(60), await instances[1].AcquireAsync(carrier, s_fivePerSecond, TimeSpan.FromSeconds(30), s_none));
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(await instances[1].AcquireAsync(carrier, s_fivePerSecond, TimeSpan.Zero, s_none));
    }

    [Fact]
    public async Task SlowStorage_AnIdleBudgetGrantsOnTime_WithoutBurningSlots()
    {
        // Every storage request takes 60 ms of the (fake) clock, as Azurite or a busy account does under load, against a
        // 20/s carrier (56 ms apart). A slot reserved at "now" is 120 ms past once the reservation returns; taken as the
        // slot, every attempt would be late, given up and retried: 50 slots and 100 requests for one permit.
        (FakeTimeProvider time, CountingPolicy slow, SharedCarrierPermits permits) = await SlowStorageAsync(t => new AdvancingPolicy(t, TimeSpan.FromMilliseconds(60)));
        CarrierLimitsOptions limits = s_twentyPerSecond;
        string carrier = StoreCollection.Unique("c");

        for (int permit = 0; permit < 5; permit++)
        {
            int before = slow.Requests;
            Task<TimeSpan?> acquire = permits.AcquireAsync(carrier, limits, TimeSpan.FromSeconds(30), s_none).AsTask();
            await DriveAsync(time, acquire);

            Assert.Null(await acquire);
            // The first permit learns the reservation time (one late attempt); every later one costs one reservation (two
            // requests; the bounds leave one more attempt for a slow test machine).
            Assert.True(slow.Requests - before <= (permit == 0 ? 6 : 4), $"permit {permit}: {slow.Requests - before} storage requests");
        }
    }

    [Fact]
    public async Task SlowStorage_ManyWaitingCalls_ShareReservations_AndKeepTheCarriersPace()
    {
        // 40 polls of one instance want the carrier at once; every storage request answers 60 ms later on the (fake) clock
        // while the other calls' timers run on, and the carrier's spacing is 56 ms (20/s). One reservation per permit
        // would cost 120 ms each: at most 8 permits a second and 80 storage requests. The calls waiting at the gate share
        // a reservation instead, so the permits come at the carrier's pace.
        (FakeTimeProvider time, CountingPolicy slow, SharedCarrierPermits permits) = await SlowStorageAsync(t => new LatencyPolicy(t, TimeSpan.FromMilliseconds(60)));
        CarrierLimitsOptions limits = s_twentyPerSecond;
        TimeSpan interval = SharedCarrierPermits.Interval(limits);
        string carrier = StoreCollection.Unique("c");
        int before = slow.Requests;
        DateTimeOffset start = time.GetUtcNow();

        Task<TimeSpan?>[] calls = [.. Enumerable.Range(0, 40).Select(_ => permits.AcquireAsync(carrier, limits, TimeSpan.FromSeconds(30), s_none).AsTask())];
        await DriveAsync(time, Task.WhenAll(calls));

        Assert.All(calls, c => Assert.Null(c.Result));
        TimeSpan took = time.GetUtcNow() - start;
        int requests = slow.Requests - before;
        // 40 slots are 2.2 s at the pace; the bounds leave room for a reservation round or two and for a slot given up
        // as late on a slow test machine (each costs one more reservation), far from 80 requests and 4.8 s.
        Assert.True(requests <= 24, $"{requests} storage requests for 40 permits");
        Assert.True(took <= (40 * interval) + TimeSpan.FromSeconds(1), $"40 permits took {took.TotalMilliseconds} ms of the fake clock (pace {40 * interval.TotalMilliseconds} ms)");
        DateTimeOffset? nextSlot = await permits.NextSlotAsync(carrier, s_none);
        Assert.NotNull(nextSlot);
        Assert.True(nextSlot - start >= 40 * interval, $"only {(nextSlot - start)?.TotalMilliseconds} ms of slots reserved for 40 permits");
    }

    [Fact]
    public async Task DailyQuota_CallsSharingAReservation_TakeOnlyWhatIsLeft()
    {
        (SharedCarrierPermits[] instances, FakeTimeProvider time) = await InstancesAsync(1);
        string carrier = StoreCollection.Unique("c");
        var limits = new CarrierLimitsOptions { RequestsPerSecond = 100, RequestsPerDay = 3, MaxBatch = 1 };
        Assert.Null(await instances[0].AcquireAsync(carrier, limits, TimeSpan.Zero, s_none)); // one of the day's 3 used

        Task<TimeSpan?>[] calls = [.. Enumerable.Range(0, 5).Select(_ => instances[0].AcquireAsync(carrier, limits, TimeSpan.FromSeconds(30), s_none).AsTask())];
        await DriveAsync(time, Task.WhenAll(calls));

        Assert.Equal(2, calls.Count(c => c.Result is null));
        Assert.All(calls.Where(c => c.Result is not null), c => Assert.InRange(c.Result!.Value, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(60))); // until 00:00 UTC
    }

    /// <summary>One instance's permits over storage slowed by <paramref name="slow"/> on a fake clock.</summary>
    private async Task<(FakeTimeProvider Time, CountingPolicy Slow, SharedCarrierPermits Permits)> SlowStorageAsync(Func<FakeTimeProvider, CountingPolicy> slow)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        CountingPolicy policy = slow(time);
        var options = new TableClientOptions();
        options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        await new StorageContext(new TableServiceClient(azurite.ConnectionString), azurite.QueueServiceClient).EnsureCreatedAsync(s_none); // tables first, at full speed
        var storage = new StorageContext(new TableServiceClient(azurite.ConnectionString, options), azurite.QueueServiceClient);
        return (time, policy, new SharedCarrierPermits(storage, time, NullLogger<SharedCarrierPermits>.Instance));
    }

    /// <summary>Advances the fake clock a millisecond at a time (the waits for reserved slots) until <paramref name="task"/> ends, for at most 60 s of wall time.</summary>
    private static async Task DriveAsync(FakeTimeProvider time, Task task)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!task.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Task.WhenAny(task, Task.Delay(1));
        }

        Assert.True(task.IsCompleted, "not done within 60 s of wall time");
    }

    /// <summary>Counts the storage requests that pass.</summary>
    private abstract class CountingPolicy : HttpPipelinePolicy
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected void Count() => Interlocked.Increment(ref _requests);
    }

    /// <summary>Each request moves the whole fake clock on as it is sent: a pause every waiting call sees at once.</summary>
    private sealed class AdvancingPolicy(FakeTimeProvider time, TimeSpan perRequest) : CountingPolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count();
            time.Advance(perRequest);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count();
            time.Advance(perRequest);
            return ProcessNextAsync(message, pipeline);
        }
    }

    /// <summary>Each request answers once the fake clock (driven by <see cref="DriveAsync"/>) has moved on by the latency: other calls' timers run meanwhile.</summary>
    private sealed class LatencyPolicy(FakeTimeProvider time, TimeSpan perRequest) : CountingPolicy
    {
        // The permits call storage only asynchronously; a synchronous call would skip the latency, so it fails the test.
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("LatencyPolicy models latency on asynchronous requests only.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count();
            await Task.Delay(perRequest, time);
            await ProcessNextAsync(message, pipeline);
        }
    }

    [Theory]
    [InlineData(0, 1000, 143, 7)]      // free now: slots at 0, 143, … 858 ms
    [InlineData(500, 1000, 143, 4)]    // next free slot half-way into the tick
    [InlineData(1000, 1000, 143, 0)]   // booked through the tick: dispatch nothing
    [InlineData(-5000, 1000, 143, 7)]  // a slot in the past counts from now
    [InlineData(0, 60_000, 69_000, 1)] // USPS at 60 an hour: one request in this minute
    [InlineData(30_000, 60_000, 69_000, 1)]
    [InlineData(61_000, 60_000, 69_000, 0)]
    public void SlotsIn_IsWhatTheBudgetLetsThroughInTheTick(int nextSlotMs, int windowMs, int intervalMs, int expected)
    {
        var now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, SharedCarrierPermits.SlotsIn(now, now.AddMilliseconds(nextSlotMs), TimeSpan.FromMilliseconds(windowMs), TimeSpan.FromMilliseconds(intervalMs)));
    }
}
