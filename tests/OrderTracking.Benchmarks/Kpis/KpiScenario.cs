using System.Diagnostics;
using System.Globalization;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.Azurite;
using OrderTracking.Benchmarks.Storage;
using OrderTracking.Core.Kpis;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Benchmarks.Kpis;

/// <summary>
/// Issue 14: the cost of the KPIs. (1) Storage operations per counted transition, new and replayed, counted at the HTTP
/// layer, with C concurrent writers on the same day rows. (2) <c>GET /api/kpis</c> over 90 days × 5 carriers × 4
/// sources (1,800 aggregate rows, plus the markers of every transition in the same partitions), p50/p99 against the
/// floor measured in the same run: a bare Azure.Data.Tables query of one day's aggregates.
/// Args: [transitions=4000] [concurrency=8] [reads=60].
/// </summary>
internal sealed class KpiScenario : IScenario
{
    private static readonly string[] s_carriers = ["ups", "fedex", "usps", "dhl", "sandbox"];
    private static readonly string[] s_sources = ["shopify", "stripe", "paypal", "api"];

    public string Name => "kpis";

    public string Description => "KPI transition cost (storage ops, new and replayed) and GET /api/kpis for 90 days x 5 carriers vs a one-day query";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int transitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4000;
        int concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        int reads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { InMemory = true }, cancellationToken);
        var counter = new CountingHandler();
        var tables = new TableServiceClient(azurite.ConnectionString, new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(counter)) });
        var storage = new StorageContext(tables, new QueueServiceClient(azurite.ConnectionString));
        await storage.EnsureCreatedAsync(cancellationToken);
        var store = new KpiStore(storage);
        var today = new DateOnly(2026, 11, 30);

        // Every (day, carrier, source) row gets transitions: delivered ones with a transit bucket, from C writers at once.
        async Task<(double Seconds, int Requests)> ApplyAsync(int count, string prefix)
        {
            int before = Volatile.Read(ref counter.Requests), next = -1;
            long start = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    int row = i % (90 * 20);
                    DateOnly day = today.AddDays(-(row / 20));
                    var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
                    await store.AddAsync(at, s_carriers[row % 5], s_sources[row / 5 % 4], $"{prefix}|{i}", new Dictionary<string, int>
                    {
                        [KpiCounters.Delivered] = 1,
                        [KpiCounters.DeliveredWithPromise] = 1,
                        [KpiCounters.DeliveredOnTime] = i % 10 == 0 ? 0 : 1,
                        [TransitHistogram.CounterName(i % 30)] = 1,
                    }, cancellationToken);
                }
            }));
            return (Stopwatch.GetElapsedTime(start).TotalSeconds, Volatile.Read(ref counter.Requests) - before);
        }

        Console.WriteLine($"kpis scenario: {transitions} transitions over 90 days x 5 carriers x 4 sources, {concurrency} concurrent writers, Azurite in-memory");
        (double newSeconds, int newRequests) = await ApplyAsync(transitions, "delivered");
        (double replaySeconds, int replayRequests) = await ApplyAsync(transitions, "delivered"); // the same markers: all dropped
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"new transitions      : {(double)newRequests / transitions:F2} storage ops each ({transitions / newSeconds:F0}/s)"));
        long countedAgain = await CountAsync(store, today) - transitions;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replayed transitions : {(double)replayRequests / transitions:F2} storage ops each ({transitions / replaySeconds:F0}/s), counted again: {countedAgain}"));

        var functions = new KpiFunctions(store, storage, TimeProvider.System, NullLogger<KpiFunctions>.Instance);
        IServiceProvider requestServices = new ServiceCollection().AddLogging().BuildServiceProvider();
        TableClient kpis = storage.Table(TableNames.Kpis);
        string oneDay = KpiStore.Partition(today);
        Samples floor = await Samples.RunAsync(reads, async () =>
        {
            await foreach (TableEntity _ in kpis.QueryAsync<TableEntity>($"PartitionKey eq '{oneDay}' and RowKey lt '~'", cancellationToken: cancellationToken))
            {
            }
        });
        long bytes = 0;
        Samples ours = await Samples.RunAsync(reads, async () =>
        {
            var http = new DefaultHttpContext { RequestServices = requestServices };
            http.Request.QueryString = new QueryString($"?from={today.AddDays(-89):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
            http.Response.Body = new MemoryStream();
            IResult result = await functions.KpisAsync(http.Request, cancellationToken);
            await result.ExecuteAsync(http);
            bytes = http.Response.Body.Length;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET /api/kpis 90 days : {ours.Format()} ({bytes:N0} bytes)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one-day query floor   : {floor.Format()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio kpis/one day    : p50 {ours.P50Ms / floor.P50Ms:F2}x, p99 {ours.P99Ms / floor.P99Ms:F2}x (90 day queries, 16 at a time)"));
    }

    private static async Task<long> CountAsync(KpiStore store, DateOnly today) =>
        (await store.GetAsync(today.AddDays(-89), today, CancellationToken.None)).Sum(r => r.Counters.GetValueOrDefault(KpiCounters.Delivered));

    private sealed record Samples(double P50Ms, double P99Ms)
    {
        public static async Task<Samples> RunAsync(int count, Func<Task> operation)
        {
            for (int i = 0; i < 5; i++)
            {
                await operation(); // warm-up
            }

            var samples = new double[count];
            for (int i = 0; i < count; i++)
            {
                long t = Stopwatch.GetTimestamp();
                await operation();
                samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }

            Array.Sort(samples);
            return new Samples(samples[count / 2], samples[Math.Min(count - 1, (int)Math.Ceiling(0.99 * count) - 1)]);
        }

        public string Format() => string.Create(CultureInfo.InvariantCulture, $"p50 {P50Ms,7:F2} ms  p99 {P99Ms,7:F2} ms");
    }
}
