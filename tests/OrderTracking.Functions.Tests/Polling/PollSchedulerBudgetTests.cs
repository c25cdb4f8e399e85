using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.Carriers;
using OrderTracking.Carriers.Limits;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Polling;

/// <summary>
/// <c>SchedulePolls</c> against the shared budget, on its own Azurite and a fake clock: USPS at its published 60 requests
/// an hour with three shipments due. Before, each one-second tick dispatched one request, and the ones the limiter
/// held back timed out as carrier failures; now a tick dispatches only what the budget lets through.
/// </summary>
public sealed class PollSchedulerBudgetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task HourlyQuota_ThreeDue_OneRequestPerSlot_NothingLeasedInBetween()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        var options = new PollingOptions { TickInterval = TimeSpan.FromSeconds(1), ShardCount = 1 };
        await using Rig rig = await Rig.CreateAsync(new StorageContext(azurite.TableServiceClient, azurite.QueueServiceClient), time, options, new()
        {
            ["Carriers:Usps:ClientId"] = "id",
            ["Carriers:Usps:ClientSecret"] = "secret",
            ["Carriers:Usps:RequestsPerSecond"] = (1 / 60.0).ToString(CultureInfo.InvariantCulture),
            ["Carriers:Usps:RequestsPerDay"] = "0",
        });
        (PollScheduler scheduler, SharedCarrierPermits permits, PollScheduleStore schedule, CarrierBudget budget) = (rig.Scheduler, rig.Permits, rig.Schedule, rig.Budget);
        foreach (string number in new[] { "9400100000000000000001", "9400100000000000000002", "9400100000000000000003" })
        {
            await schedule.AddAsync("usps", 0, PollScheduleStore.RowKey(time.GetUtcNow().AddMinutes(-1), number), number, time.GetUtcNow(), CancellationToken.None);
        }

        var dispatched = new List<int>();
        for (int second = 0; second < 150; second++)
        {
            int requests = await scheduler.RunOnceAsync(CancellationToken.None);
            dispatched.Add(requests);
            TimeSpan waited = TimeSpan.Zero;
            if (requests > 0)
            {
                // What PollCarrier does with the request: take the permit for its call. A request is sent up to the
                // scheduler's lead (a quarter tick) before its slot, and its permit is free when the slot comes.
                if (await permits.AcquireAsync("usps", budget.For("usps"), TimeSpan.Zero, CancellationToken.None) is { } wait)
                {
                    Assert.InRange(wait, TimeSpan.Zero, options.TickInterval + PollScheduler.Lead(options.TickInterval));
                    time.Advance(wait);
                    waited = wait;
                    Assert.Null(await permits.AcquireAsync("usps", budget.For("usps"), TimeSpan.Zero, CancellationToken.None));
                }
            }

            time.Advance(TimeSpan.FromSeconds(1) - waited);
        }

        // One request at 0 s, the next when its slot is within the tick and its lead (60 s / 0.9 ≈ 66.7 s), the third
        // at ≈ 133 s; none in between.
        Assert.Equal([0, 66, 133], dispatched.Select((n, s) => (n, s)).Where(x => x.n > 0).Select(x => x.s));
        Assert.All(dispatched, n => Assert.InRange(n, 0, 1));
    }

    [Fact]
    public async Task OneTick_ManyRequests_SentConcurrently_EachVisibleAtItsPlaceInThePlan()
    {
        // 120 DHL numbers due, DHL at 2/s (paced at 90 %: 556 ms apart), one 60 s tick: the tick leases them in three
        // transactions and sends each transaction's requests several at a time. Request k must become visible at
        // k × 556 ms whatever order its send finished in; the queue's visibilitytimeout is in whole seconds.
        var recorder = new VisibilityRecorder();
        var queues = azurite.Connection.CreateQueueServiceClient(new global::Azure.Storage.Queues.QueueClientOptions { Transport = new global::Azure.Core.Pipeline.HttpClientTransport(new HttpClient(recorder)) });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        var options = new PollingOptions { TickInterval = TimeSpan.FromMinutes(1), ShardCount = 1, MaxRequestsPerTick = 1000 };
        await using Rig rig = await Rig.CreateAsync(new StorageContext(azurite.TableServiceClient, queues), time, options, new()
        {
            ["Carriers:Dhl:ApiKey"] = "key",
            ["Carriers:Dhl:RequestsPerSecond"] = "2",
            ["Carriers:Dhl:RequestsPerDay"] = "0",
        });
        (PollScheduler scheduler, PollScheduleStore schedule, CarrierBudget budget) = (rig.Scheduler, rig.Schedule, rig.Budget);
        for (int i = 0; i < 120; i++)
        {
            string number = $"JJD{i:D10}";
            await schedule.AddAsync("dhl", 0, PollScheduleStore.RowKey(time.GetUtcNow().AddMinutes(-1), number), number, time.GetUtcNow(), CancellationToken.None);
        }

        Assert.Equal(120, await scheduler.RunOnceAsync(CancellationToken.None));

        TimeSpan interval = SharedCarrierPermits.Interval(budget.For("dhl"));
        Assert.Equal(TimeSpan.FromMilliseconds(556), interval);
        int[] expected = [.. Enumerable.Range(0, 120).Select(k => (int)(interval * k).TotalSeconds)];
        Assert.Equal(expected, recorder.VisibilitySeconds.Order());
    }

    /// <summary>The real scheduler, permits and schedule store on <paramref name="storage"/>, with the carriers <c>settings</c> configures.</summary>
    private sealed record Rig(ServiceProvider Provider, PollScheduler Scheduler, SharedCarrierPermits Permits, PollScheduleStore Schedule, CarrierBudget Budget) : IAsyncDisposable
    {
        public static async Task<Rig> CreateAsync(StorageContext storage, FakeTimeProvider time, PollingOptions options, Dictionary<string, string?> settings)
        {
            await storage.EnsureCreatedAsync(CancellationToken.None);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddCarriers(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            ServiceProvider provider = services.BuildServiceProvider();
            var permits = new SharedCarrierPermits(storage, time, NullLogger<SharedCarrierPermits>.Instance);
            var schedule = new PollScheduleStore(storage);
            CarrierBudget budget = provider.GetRequiredService<CarrierBudget>();
            var scheduler = new PollScheduler(
                provider.GetRequiredService<CarrierRegistry>(), budget, permits, schedule, new CarrierStateStore(storage), storage, options, time, NullLogger<PollScheduler>.Instance);
            return new Rig(provider, scheduler, permits, schedule, budget);
        }

        public ValueTask DisposeAsync() => Provider.DisposeAsync();
    }

    /// <summary>Records the <c>visibilitytimeout</c> of every message sent to <c>poll-requests</c>.</summary>
    private sealed class VisibilityRecorder() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<int> _seconds = [];

        public IEnumerable<int> VisibilitySeconds => _seconds;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/" + QueueNames.PollRequests + "/messages", StringComparison.Ordinal))
            {
                string? value = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["visibilitytimeout"];
                _seconds.Add(value is null ? 0 : int.Parse(value, CultureInfo.InvariantCulture));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
