using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Sync;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// The function app's real services (AddFunctionApp) on Azurite and a fake clock, driven the way the host drives them:
/// the <c>SchedulePolls</c> tick and the hourly sweep at their times, and every queue drained into its function until
/// nothing is left. Time jumps from one thing due to the next (a poll, a sweep), so a 30-day journey runs in
/// milliseconds of clock and no test sleeps.
/// </summary>
internal sealed class StateMachineHarness : IAsyncDisposable
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMinutes(1);
    private readonly ServiceProvider _services;
    private readonly StorageContext _storage;
    private readonly PollScheduler _scheduler;
    private readonly ShipmentSweeper _sweeper;
    private readonly KpiCoverageSweeper _coverage;
    private readonly Dictionary<string, Func<string, CancellationToken, Task>> _functions;
    private DateTimeOffset _nextSweep;

    public StateMachineHarness(
        AzuriteFixture azurite, DateTimeOffset start, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        Time = new FakeTimeProvider(start);
        OutboxDirectory = Path.Combine(Path.GetTempPath(), "ot-sim-outbox-" + Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Tracking:ReadTokenKey"] = "simulation-read-token-key-0123456789",
            ["Email:OutboxDirectory"] = OutboxDirectory,
            ["Sms:OutboxDirectory"] = Path.Combine(OutboxDirectory, "sms"),
            ["PollSchedule"] = "0 */1 * * * *",
            ["Polling:Cadence:Jitter"] = "0",
            ["Polling:ShardCount"] = "1", // fewer empty reads per tick; the sharding itself is tested elsewhere
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        replace?.Invoke(services); // before the app's own registrations, which only add what is missing (a provider port, say)
        services.AddFunctionApp(configuration);
        services.AddSingleton<TimeProvider>(Time);
        _services = services.BuildServiceProvider();
        _storage = _services.GetRequiredService<StorageContext>();
        _scheduler = _services.GetRequiredService<PollScheduler>();
        _sweeper = _services.GetRequiredService<ShipmentSweeper>();
        _coverage = _services.GetRequiredService<KpiCoverageSweeper>();
        _functions = new(StringComparer.Ordinal)
        {
            [QueueNames.InboundEvents] = ActivatorUtilities.CreateInstance<IngestEventFunction>(_services).RunAsync,
            [QueueNames.PollRequests] = ActivatorUtilities.CreateInstance<PollCarrierFunction>(_services).RunAsync,
            [QueueNames.Notifications] = ActivatorUtilities.CreateInstance<SendNotificationFunction>(_services).RunAsync,
            [QueueNames.PlatformSync] = ActivatorUtilities.CreateInstance<SyncPlatformFunction>(_services).RunAsync,
        };
        _nextSweep = NextSweepAfter(start);
    }

    public FakeTimeProvider Time { get; }

    public string OutboxDirectory { get; }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public TableClient Table(string name) => _storage.Table(name);

    /// <summary>How many times each function ran (messages handled), by queue.</summary>
    public Dictionary<string, int> Handled { get; } = new(StringComparer.Ordinal);

    /// <summary>What each <c>SweepShipments</c> run did, in order.</summary>
    public List<SweepResult> Sweeps { get; } = [];

    /// <summary>Scheduler ticks and sweeps run.</summary>
    public int Ticks { get; private set; }

    /// <summary>
    /// Creates the tables and forgets the carriers' shared dispatch plans: tests of one class share an Azurite, and a
    /// plan left by a test whose clock ran days ahead would hold this test's polls back (by real-time visibility).
    /// </summary>
    public async Task StartAsync()
    {
        await _storage.EnsureCreatedAsync(CancellationToken.None);
        TableClient state = _storage.Table(TableNames.CarrierState);
        await foreach (TableEntity row in state.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await state.DeleteEntityAsync(row.PartitionKey, row.RowKey, global::Azure.ETag.All);
        }
    }

    /// <summary>
    /// Runs the app until <paramref name="end"/>: each step jumps to the next tick with something due (or a sweep). Each
    /// function, tick and sweep runs in its <see cref="StageCountingHandler.Stage"/> (counted when a test gives the
    /// storage clients that handler); the harness's own queue and schedule reads count as <c>host</c>.
    /// </summary>
    public async Task RunUntilAsync(DateTimeOffset end)
    {
        await DrainAsync();
        while (Time.GetUtcNow() < end)
        {
            DateTimeOffset next = await NextWorkAsync();
            if (next > end)
            {
                Time.SetUtcNow(end);
                break;
            }

            Time.SetUtcNow(next);
            if (next >= _nextSweep)
            {
                using (StageCountingHandler.Stage("SweepShipments"))
                {
                    Sweeps.Add(await _sweeper.SweepAsync(CancellationToken.None));
                    await _coverage.SweepAsync(CancellationToken.None);
                }

                _nextSweep = NextSweepAfter(next);
            }

            using (StageCountingHandler.Stage("SchedulePolls"))
            {
                await _scheduler.RunOnceAsync(CancellationToken.None);
            }

            Ticks++;
            await DrainAsync();
        }
    }

    /// <summary>Hands every visible message of every queue to its function, until all are empty (a function's sends included).</summary>
    public async Task DrainAsync()
    {
        for (bool any = true; any;)
        {
            any = false;
            foreach ((string name, Func<string, CancellationToken, Task> run) in _functions)
            {
                QueueClient queue = _storage.Queue(name);
                foreach (QueueMessage message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value)
                {
                    using (StageCountingHandler.Stage(name))
                    {
                        await run(message.MessageText, CancellationToken.None);
                    }

                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    Handled[name] = Handled.GetValueOrDefault(name) + 1;
                    any = true;
                }
            }
        }
    }

    /// <summary>The first tick at or after the earliest due schedule row, never before the next tick.</summary>
    private async Task<DateTimeOffset> NextWorkAsync()
    {
        DateTimeOffset now = Time.GetUtcNow();
        DateTimeOffset earliest = _nextSweep;
        await foreach (TableEntity row in _storage.Table(TableNames.PollSchedule).QueryAsync<TableEntity>(select: ["RowKey"], maxPerPage: 1000))
        {
            var due = new DateTimeOffset(long.Parse(row.RowKey[..19], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
            if (due < earliest)
            {
                earliest = due;
            }
        }

        DateTimeOffset atLeast = now + s_tick;
        DateTimeOffset target = earliest > atLeast ? earliest : atLeast;
        long ticks = (target.UtcTicks + s_tick.Ticks - 1) / s_tick.Ticks * s_tick.Ticks; // on the minute, as the NCRONTAB fires
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private static DateTimeOffset NextSweepAfter(DateTimeOffset t)
    {
        var hour = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 5, 0, TimeSpan.Zero);
        return hour > t ? hour : hour.AddHours(1);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        RepositoryLayout.TryDelete(OutboxDirectory);
    }
}
