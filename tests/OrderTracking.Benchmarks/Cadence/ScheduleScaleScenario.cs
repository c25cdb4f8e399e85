using System.Diagnostics;
using System.Globalization;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Azurite;
using OrderTracking.Benchmarks.Storage;
using OrderTracking.Functions;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Benchmarks.Cadence;

/// <summary>
/// Issue 12: table operations per <c>SchedulePolls</c> tick against the number due, at 10,000 and then 100,000
/// active shipments with the same number due per tick. The app's real <see cref="PollScheduler"/> (AddFunctionApp,
/// default shards and budgets) on Azurite and a fake clock advanced one tick at a time; every storage request the app
/// sends is counted at its HTTP handler (a batch transaction is one operation). Phase A runs with
/// <c>active/10</c> schedule rows, phase B after the rest are added, all due after the measured ticks.
/// Usage: <c>scenario schedule-scale [active=100000] [duePerTick=70] [ticks=30]</c>.
/// </summary>
internal sealed class ScheduleScaleScenario : IScenario
{
    private const string Carrier = "sandbox";
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public string Name => "schedule-scale";

    public string Description => "SchedulePolls on Azurite at 10,000 and 100,000 active shipments: table operations per tick vs the number due";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int active = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        int duePerTick = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 70;
        int ticks = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { InMemory = true }, cancellationToken);

        var tableRequests = new CountingHandler();
        var queueRequests = new CountingHandler();
        var time = new FakeTimeProvider(s_start);
        string outbox = Path.Combine(Path.GetTempPath(), "ot-schedule-scale-" + Guid.NewGuid().ToString("N"));
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Tracking:ReadTokenKey"] = "schedule-scale-read-token-key-0123456789",
            ["Email:OutboxDirectory"] = outbox,
            ["PollSchedule"] = "0 */1 * * * *",
            ["Polling:Lease"] = "2.00:00:00", // a leased row stays out of the measured window (nothing polls here)
            ["Polling:MaxRequestsPerTick"] = "100000",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(tableRequests)) });
        services.AddSingleton(new QueueClientOptions { Transport = new HttpClientTransport(new HttpClient(queueRequests)) });
        services.AddFunctionApp(configuration);
        services.AddSingleton<TimeProvider>(time);
        await using ServiceProvider provider = services.BuildServiceProvider();
        var storage = provider.GetRequiredService<StorageContext>();
        await storage.EnsureCreatedAsync(cancellationToken);
        var scheduler = provider.GetRequiredService<PollScheduler>();
        int shards = provider.GetRequiredService<PollingOptions>().ShardCount;
        TableClient schedule = storage.Table(TableNames.PollSchedule);
        QueueClient pollRequests = storage.Queue(QueueNames.PollRequests);

        // Due in phase A's and phase B's ticks: duePerTick each; everything else due two days later.
        int dueRows = duePerTick * ticks * 2;
        int phaseA = Math.Max(active / 10, dueRows);
        var wall = Stopwatch.StartNew();
        await SeedAsync(schedule, shards, 0, phaseA, i => i < dueRows ? s_start.AddMinutes(i / (double)duePerTick) : s_start.AddDays(2).AddSeconds(i), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"schedule-scale scenario: {shards} shards, carrier {Carrier}, {duePerTick} due per 1-minute tick, {ticks} ticks per phase (seeded {phaseA:N0} rows in {wall.Elapsed.TotalSeconds:F1} s)"));

        (double Ops, double Queue, double Due, double Ms) a = await RunTicksAsync(scheduler, time, tableRequests, queueRequests, ticks, cancellationToken);
        Report("A", phaseA, a);

        wall.Restart();
        await SeedAsync(schedule, shards, phaseA, active - phaseA, i => s_start.AddDays(2).AddSeconds(i), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  added {active - phaseA:N0} rows in {wall.Elapsed.TotalSeconds:F1} s"));
        (double Ops, double Queue, double Due, double Ms) b = await RunTicksAsync(scheduler, time, tableRequests, queueRequests, ticks, cancellationToken);
        Report("B", active, b);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  B/A at {active / (double)phaseA:F0}x the active shipments: table ops per tick {b.Ops / a.Ops:F2}x, per due {b.Ops / b.Due / (a.Ops / a.Due):F2}x, tick time {b.Ms / a.Ms:F2}x"));
        int messages = (await pollRequests.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  poll-requests holds {messages:N0} messages (expected {dueRows:N0}: one per due row, none lost or doubled)"));
        if (Directory.Exists(outbox)) Directory.Delete(outbox, recursive: true);
    }

    private static void Report(string phase, int active, (double Ops, double Queue, double Due, double Ms) r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  phase {phase}: {active,7:N0} active, {r.Due:F1} due per tick -> {r.Ops:F1} table ops per tick ({r.Ops / r.Due:F3} per due), {r.Queue:F1} queue sends, {r.Ms:F0} ms per tick"));

    private static async Task<(double Ops, double Queue, double Due, double Ms)> RunTicksAsync(
        PollScheduler scheduler, FakeTimeProvider time, CountingHandler tables, CountingHandler queues, int ticks, CancellationToken cancellationToken)
    {
        long ops = 0, sends = 0, due = 0;
        var wall = Stopwatch.StartNew();
        for (int t = 0; t < ticks; t++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            int tableBefore = Volatile.Read(ref tables.Requests), queueBefore = Volatile.Read(ref queues.Requests);
            due += await scheduler.RunOnceAsync(cancellationToken);
            ops += Volatile.Read(ref tables.Requests) - tableBefore;
            sends += Volatile.Read(ref queues.Requests) - queueBefore;
        }

        return (ops / (double)ticks, sends / (double)ticks, due / (double)ticks, wall.Elapsed.TotalMilliseconds / ticks);
    }

    /// <summary>Writes schedule rows with the app's store's keys and columns (inserted, 100 per partition transaction), reporting every 10,000.</summary>
    private static async Task SeedAsync(TableClient table, int shards, int from, int count, Func<int, DateTimeOffset> dueOf, CancellationToken cancellationToken)
    {
        var byShard = new Dictionary<int, List<TableTransactionAction>>();
        var pending = new List<Task>();
        var wall = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(8);
        for (int i = from; i < from + count; i++)
        {
            string number = "SBX4" + i.ToString("D9", CultureInfo.InvariantCulture);
            int shard = PollScheduleStore.ShardOf(number, shards);
            var entity = new TableEntity(PollScheduleStore.Partition(Carrier, shard), PollScheduleStore.RowKey(dueOf(i), number))
            {
                ["TrackingNumber"] = number,
                ["RegisteredAt"] = s_start.AddDays(-1),
            };
            List<TableTransactionAction> batch = byShard.TryGetValue(shard, out List<TableTransactionAction>? b) ? b : byShard[shard] = [];
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));
            if (batch.Count == 100)
            {
                pending.Add(SubmitAsync(table, [.. batch], gate, cancellationToken));
                batch.Clear();
            }

            if ((i - from + 1) % 10_000 == 0)
            {
                await Task.WhenAll(pending);
                pending.Clear();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    seeded {i + 1:N0} rows ({wall.Elapsed.TotalSeconds:F1} s)"));
            }
        }

        pending.AddRange(byShard.Values.Where(b => b.Count > 0).Select(b => SubmitAsync(table, [.. b], gate, cancellationToken)));
        await Task.WhenAll(pending);
    }

    private static async Task SubmitAsync(TableClient table, TableTransactionAction[] batch, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
