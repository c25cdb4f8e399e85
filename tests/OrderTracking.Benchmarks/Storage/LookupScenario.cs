using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderTracking.Azurite;
using OrderTracking.Core.Orders;
using OrderTracking.Functions;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Lookup;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Benchmarks.Storage;

/// <summary>
/// Issue 13: <c>POST /api/tracking/lookup</c> under load, in process with the app's real services on one Azurite: the
/// endpoint (body parse, two shared rate-limit counters, the index query, the compare, a token) with C concurrent
/// callers from distinct addresses, half hits and half misses, against the floor measured in the same run: a bare
/// Azure.Data.Tables point read of an order row at the same concurrency. Args: [orders=1000] [requests=4000] [concurrency=16].
/// </summary>
internal sealed class LookupScenario : IScenario
{
    public string Name => "lookup";

    public string Description => "Order lookup (rate limits + index + compare) under concurrent load vs a bare point read on the same Azurite";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int orderCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        int requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4000;
        int concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { InMemory = true }, cancellationToken);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Tracking:ReadTokenKey"] = "benchmark-read-token-key-0123456789",
            ["Notifications:OrderConfirmed:Api"] = "false",
            ["Tracking:Lookup:PerOrder"] = "1000000",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddFunctionApp(configuration);
        await using ServiceProvider provider = services.BuildServiceProvider();
        StorageContext storage = provider.GetRequiredService<StorageContext>();
        await storage.EnsureCreatedAsync(cancellationToken);
        OrderIngestor ingestor = provider.GetRequiredService<OrderIngestor>();
        for (int i = 0; i < orderCount; i++)
        {
            await ingestor.IngestAsync(new OrderEvent
            {
                Source = OrderSources.Api, ExternalId = $"L-{i}", OrderNumber = $"L-{i}", Customer = new CustomerInfo($"c{i}@example.com"),
            }, cancellationToken);
        }

        OrderLookup lookup = provider.GetRequiredService<OrderLookup>();
        IOptions<TrackingOptions> options = provider.GetRequiredService<IOptions<TrackingOptions>>();
        ILoggerFactory loggers = provider.GetRequiredService<ILoggerFactory>();
        IServiceProvider requestServices = new ServiceCollection().AddLogging().BuildServiceProvider();
        TableClient orders = storage.Table(TableNames.Orders);
        int statusErrors = 0;

        Console.WriteLine($"lookup scenario: {orderCount} orders indexed, {requests} requests, {concurrency} concurrent callers, Azurite in-memory");
        // Floor first, on the same warm Azurite.
        LoadStats floor = await LoadStats.RunAsync(requests, concurrency, async i =>
            await orders.GetEntityAsync<TableEntity>($"api:L-{i % orderCount}", "order", cancellationToken: cancellationToken));
        LoadStats ours = await LoadStats.RunAsync(requests, concurrency, async i =>
        {
            bool hit = i % 2 == 0;
            string body = JsonSerializer.Serialize(new { orderNumber = $"L-{i % orderCount}", email = hit ? $"c{i % orderCount}@example.com" : "nobody@example.com" });
            var http = new DefaultHttpContext { RequestServices = requestServices };
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            http.Request.Method = "POST";
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = bytes.Length;
            http.Request.Body = new MemoryStream(bytes);
            http.Connection.RemoteIpAddress = new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]); // a client per request: the per-client limit is not what is measured
            http.Response.Body = Stream.Null;
            IResult result = await TrackingLookupEndpoints.HandleAsync(http, lookup, storage, options, TimeProvider.System, loggers, cancellationToken);
            await result.ExecuteAsync(http);
            if (http.Response.StatusCode != (hit ? 200 : 404))
            {
                Interlocked.Increment(ref statusErrors);
            }
        });

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lookup (hit/miss 50/50) : {ours.Format()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"point read floor        : {floor.Format()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio lookup/point read : throughput {ours.OpsPerSecond / floor.OpsPerSecond:F2}x, p50 {ours.P50Ms / floor.P50Ms:F2}x, p99 {ours.P99Ms / floor.P99Ms:F2}x; wrong answers: {statusErrors}"));
    }

    /// <summary>N operations by C concurrent workers; throughput and latency percentiles.</summary>
    private sealed record LoadStats(double OpsPerSecond, double P50Ms, double P99Ms)
    {
        public static async Task<LoadStats> RunAsync(int count, int concurrency, Func<int, Task> operation)
        {
            for (int i = 0; i < Math.Min(200, count); i++)
            {
                await operation(i); // warm-up
            }

            var samples = new double[count];
            int next = -1;
            long start = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    long t = Stopwatch.GetTimestamp();
                    await operation(i + 1000);
                    samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                }
            }));
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            Array.Sort(samples);
            return new LoadStats(count / seconds, samples[count / 2], samples[Math.Min(count - 1, (int)Math.Ceiling(0.99 * count) - 1)]);
        }

        public string Format() => string.Create(CultureInfo.InvariantCulture, $"{OpsPerSecond,7:F0} req/s  p50 {P50Ms,6:F2} ms  p99 {P99Ms,6:F2} ms");
    }
}
