using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using OrderTracking.Azure.Storage;
using OrderTracking.Azurite;
using OrderTracking.Benchmarks.Webhooks;
using OrderTracking.DevHost;
using OrderTracking.IntegrationTests.Sync;
using OrderTracking.IntegrationTests.Webhooks;

namespace OrderTracking.Benchmarks.Sync;

/// <summary>
/// Issue 11: from a Shopify <c>fulfillments/create</c> webhook's 200 to the PayPal tracker call for the order's PayPal
/// capture (flow 2: IngestEvent → platform-sync → the order's transactions from Shopify → PayPal's legacy
/// trackers-batch), at a fixed arrival rate (open loop) through the DevHost, against the Shopify and PayPal stubs the
/// integration tests use, Shopify's stub holding a Standard-plan cost bucket (100 points/s). The orders arrive first
/// (orders/create, paid through PayPal), as they do in a shop. Floor, same run and Azurite: one bare Azure.Storage.Queues
/// hop (send → a receiver polling without back-off) at the same rate. Shopify points are the stub's actual costs.
/// Usage: <c>scenario writeback [perSecond=20] [seconds=60]</c>.
/// </summary>
internal sealed class WriteBackScenario : IScenario
{
    private const string ShopifySecret = "writeback-bench-shopify-secret";

    public string Name => "writeback";

    public string Description => "Shopify fulfillment webhook 200 → PayPal tracker call p50/p95 at a fixed rate, Shopify points per order, vs a bare queue hop";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int perSecond = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        int count = perSecond * seconds;
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);

        string azuriteData = Path.Combine(Path.GetTempPath(), "ot-bench-azurite-" + Guid.NewGuid().ToString("N"));
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { InMemory = false, DataDirectory = azuriteData }, cancellationToken);
        await using ShopifyAdminStub shopify = await ShopifyAdminStub.StartAsync();
        await using PayPalApiStub payPal = await PayPalApiStub.StartAsync();
        string appRoot = AppRoot.Copy();
        try
        {
            var options = new DevHostOptions { AppRoot = appRoot, Port = 0, StorageConnectionString = azurite.ConnectionString };
            options.Settings["Shopify:WebhookSecrets"] = ShopifySecret;
            options.Settings["Shopify:ShopDomain"] = "bench-shop.myshopify.com";
            options.Settings["Shopify:AccessToken"] = ShopifyAdminStub.AccessToken;
            options.Settings["Shopify:ApiVersion"] = ShopifyAdminStub.ApiVersion;
            options.Settings["Shopify:BaseUrl"] = shopify.BaseAddress.AbsoluteUri;
            options.Settings["PayPal:ClientId"] = PayPalApiStub.ClientId;
            options.Settings["PayPal:ClientSecret"] = PayPalApiStub.ClientSecret;
            options.Settings["PayPal:BaseUrl"] = payPal.BaseAddress.AbsoluteUri;
            options.Settings["PollSchedule"] = "0 */1 * * * *";
            options.Settings["Tracking:ReadTokenKey"] = "writeback-bench-read-token-key-0123456789";
            using ILoggerFactory loggers = LoggerFactory.Create(b => b.SetMinimumLevel(Environment.GetEnvironmentVariable("BENCH_LOG") == "1" ? LogLevel.Warning : LogLevel.None).AddSimpleConsole(o => o.SingleLine = true));
            await using DevHostServer host = await DevHostServer.StartAsync(options, loggers, cancellationToken);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            QueueServiceClient queues = StorageConnection.FromConnectionString(azurite.ConnectionString).CreateQueueServiceClient();
            Console.WriteLine($"writeback scenario: {perSecond} fulfillments/s for {seconds} s ({count} orders paid with PayPal), Azurite on disk, Release={IsRelease()}");

            // The shop's orders arrive first, as in production (not measured).
            long firstOrder = 9_100_000;
            for (long order = firstOrder; order < firstOrder + count; order++)
            {
                shopify.AddOrder(order, PayPalTransaction(order));
            }

            await SendAllAsync(client, Enumerable.Range(0, count).Select(i => OrderCreated(firstOrder + i)), 8, cancellationToken);
            await DrainedAsync(queues.GetQueueClient("inbound-events"), TimeSpan.FromMinutes(5), cancellationToken);
            shopify.Bucket = new ShopifyCostBucket(maximum: 1000, restoreRate: 100, TimeProvider.System);
            double pointsBefore = shopify.PointsSpent;
            Dictionary<string, int> callsBefore = new(shopify.Calls);

            // Open loop: one fulfillment every 1/rate s, whatever the previous answer's latency.
            var acks = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            int failed = 0;
            var sends = new List<Task>(count);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < count; i++)
            {
                TimeSpan due = interval * i - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }

                long order = firstOrder + i;
                sends.Add(Task.Run(async () =>
                {
                    using HttpRequestMessage request = Signed(FulfillmentCreated(order), "fulfillments/create");
                    using HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        acks[Number(order)] = Stopwatch.GetTimestamp();
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }, cancellationToken));
            }

            await Task.WhenAll(sends);
            double sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            DateTime deadline = DateTime.UtcNow.AddMinutes(3);
            while (payPal.LegacyTrackerCreatedAt.Count < acks.Count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken);
            }

            double[] latencies = [.. acks
                .Where(a => payPal.LegacyTrackerCreatedAt.ContainsKey(a.Key))
                .Select(a => Stopwatch.GetElapsedTime(a.Value, payPal.LegacyTrackerCreatedAt[a.Key]).TotalMilliseconds)
                .Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  sent {count} in {sendSeconds:F1} s ({count / sendSeconds:F1}/s), {failed} acks failed; trackers {latencies.Length}/{acks.Count}, duplicates {payPal.LegacyTrackers.Count - payPal.LegacyTrackerCreatedAt.Count}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  webhook 200 → PayPal tracker : p50 {Percentile(latencies, 0.50),8:F0} ms  p95 {Percentile(latencies, 0.95),8:F0} ms  p99 {Percentile(latencies, 0.99),8:F0} ms  max {latencies[^1],8:F0} ms"));
            double points = shopify.PointsSpent - pointsBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Shopify points (stub's actual cost): {points:F0} total, {points / count:F2} per order"));
            foreach ((string operation, int calls) in shopify.Calls.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                int delta = calls - callsBefore.GetValueOrDefault(operation);
                if (delta > 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {operation}: {delta} calls ({(double)delta / count:F2} per order, throttled ones included)"));
                }
            }

            double[] floor = await QueueHopFloorAsync(queues.GetQueueClient("bench-floor-hop"), perSecond, Math.Min(count, perSecond * 20), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  floor: bare queue hop       : p50 {Percentile(floor, 0.50),8:F1} ms  p95 {Percentile(floor, 0.95),8:F1} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ratio write-back/queue hop  : p50 {Percentile(latencies, 0.50) / Percentile(floor, 0.50):F0}x, p95 {Percentile(latencies, 0.95) / Percentile(floor, 0.95):F0}x"));
        }
        finally
        {
            AppRoot.TryDelete(appRoot);
            await azurite.DisposeAsync();
            AppRoot.TryDelete(azuriteData);
        }
    }

    /// <summary>One hop through Azure.Storage.Queues: send at the rate; a receiver polling back to back takes each message.</summary>
    private static async Task<double[]> QueueHopFloorAsync(QueueClient queue, int perSecond, int count, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var sentAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var hops = new ConcurrentBag<double>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task receiver = Task.Run(async () =>
        {
            while (hops.Count < count && !stop.IsCancellationRequested)
            {
                foreach (QueueMessage m in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), stop.Token)).Value)
                {
                    long now = Stopwatch.GetTimestamp();
                    hops.Add(Stopwatch.GetElapsedTime(sentAt[m.MessageText], now).TotalMilliseconds);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, stop.Token);
                }
            }
        }, stop.Token);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            TimeSpan due = TimeSpan.FromSeconds((double)i / perSecond) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            string text = $"{{\"n\":{i}}}";
            sentAt[text] = Stopwatch.GetTimestamp();
            await queue.SendMessageAsync(text, cancellationToken);
        }

        await receiver.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        return [.. hops.Order()];
    }

    private static async Task SendAllAsync(HttpClient client, IEnumerable<string> bodies, int senders, CancellationToken cancellationToken)
    {
        var work = new ConcurrentQueue<string>(bodies);
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            while (work.TryDequeue(out string? body))
            {
                using HttpRequestMessage request = Signed(body, "orders/create");
                using HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
            }
        }, cancellationToken)));
    }

    private static async Task DrainedAsync(QueueClient queue, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while ((await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{queue.Name} did not drain in {timeout}.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static string PayPalTransaction(long order) => string.Create(CultureInfo.InvariantCulture, $"CAPT{order}BENCH");

    private static string Number(long order) => string.Create(CultureInfo.InvariantCulture, $"SBX1WB{order}");

    private static string OrderCreated(long order) => ShopifyOrderWebhooks.OrderCreated(order, gateways: ["paypal"]);

    private static string FulfillmentCreated(long order) => ShopifyOrderWebhooks.FulfillmentUpdated(order, order + 1_000_000, [Number(order)], shipmentStatus: null);

    private static HttpRequestMessage Signed(string body, string topic)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/shopify") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ShopifySecret), Encoding.UTF8.GetBytes(body))));
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Shop-Domain", "bench-shop.myshopify.com");
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        return request;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static bool IsRelease() =>
#if DEBUG
        false;
#else
        true;
#endif
}
