using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.Azure.Storage;
using OrderTracking.Azurite;
using OrderTracking.DevHost;

namespace OrderTracking.Benchmarks.Webhooks;

/// <summary>
/// Issue 4 item 6: webhook ack latency through the DevHost (host forwarding → handler → verify, parse, receipt check,
/// queue send, receipt write → 200) under a steady load of N concurrent senders, next to a bare Azurite queue
/// <c>SendMessage</c> (Azure.Storage.Queues) of a same-size message at the same concurrency, in the same run on the same Azurite. Ingestion
/// (IngestEvent, polling) runs in the background as it would in production.
/// Usage: <c>scenario webhooks [senders=8] [seconds=20] [warmupSeconds=3]</c>.
/// </summary>
internal sealed class WebhookLoadScenario : IScenario
{
    public string Name => "webhooks";

    public string Description => "signed Shopify webhook ack latency p50/p99 through the DevHost under N senders vs bare Azurite queue send";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int senders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        var duration = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);
        var warmup = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);

        // Azurite on disk, as the DevHost runs it: in memory (LokiJS) it stalled for minutes once tens of thousands of
        // messages had been sent, whichever phase sent them.
        string azuriteData = Path.Combine(Path.GetTempPath(), "ot-bench-azurite-" + Guid.NewGuid().ToString("N"));
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { InMemory = false, DataDirectory = azuriteData }, cancellationToken);
        string appRoot = AppRoot.Copy();
        try
        {
            var options = new DevHostOptions { AppRoot = appRoot, Port = 0, StorageConnectionString = azurite.ConnectionString };
            options.Settings["Shopify:WebhookSecrets"] = SignedShopifyRequests.Secret;
            options.Settings["PollSchedule"] = "0 */1 * * * *";
            options.Settings["Tracking:ReadTokenKey"] = "webhook-load-read-token-key-0123456789";
            // BENCH_LOG=1 prints the DevHost's warnings and errors (failed invocations, worker restarts) during the run.
            using ILoggerFactory loggers = LoggerFactory.Create(b => b.SetMinimumLevel(Environment.GetEnvironmentVariable("BENCH_LOG") == "1" ? LogLevel.Warning : LogLevel.None).AddSimpleConsole(o => o.SingleLine = true));
            await using DevHostServer host = await DevHostServer.StartAsync(options, loggers, cancellationToken);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = senders * 2 }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

            QueueClient queue = StorageConnection.FromConnectionString(azurite.ConnectionString).CreateQueueServiceClient().GetQueueClient("bench-floor");
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            string message = FloorMessage();

            Console.WriteLine($"webhooks scenario: {senders} concurrent senders, {duration.TotalSeconds:0} s measured after {warmup.TotalSeconds:0} s warm-up, Azurite on disk, Release={IsRelease()}");
            Console.WriteLine($"  webhook body {SignedShopifyRequests.Body(7_000_000).Length} B; floor message {message.Length} chars");

            // Same hop (DevHost forwarding → handler → one storage call), before any webhook has started background ingestion.
            LoadResult health = await LoadResult.RunAsync(senders, warmup, duration, async _ =>
            {
                using HttpResponseMessage response = await client.GetAsync("api/health", cancellationToken);
                return response.IsSuccessStatusCode;
            }, cancellationToken);
            Console.WriteLine($"  GET api/health (DevHost): {health.Format()}");

            LoadResult webhooks = await LoadResult.RunAsync(senders, warmup, duration, async _ =>
            {
                using HttpRequestMessage request = SignedShopifyRequests.Next();
                using HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
                return response.IsSuccessStatusCode;
            }, cancellationToken);
            Console.WriteLine($"  webhook ack (DevHost)  : {webhooks.Format()}");
            // The floor runs last, so the tens of thousands of messages a bare send loop writes never sit in Azurite
            // while the webhook phase runs (first, they stalled it: node at 100 % CPU).
            LoadResult floor = await LoadResult.RunAsync(senders, warmup, duration, async _ =>
            {
                await queue.SendMessageAsync(message, cancellationToken: cancellationToken);
                return true;
            }, cancellationToken);
            Console.WriteLine($"  bare queue SendMessage : {floor.Format()}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ratio webhook/floor    : p50 {webhooks.P50Ms / floor.P50Ms:F1}x, p99 {webhooks.P99Ms / floor.P99Ms:F1}x, throughput {webhooks.OpsPerSecond / floor.OpsPerSecond:F2}x"));
        }
        finally
        {
            AppRoot.TryDelete(appRoot);
            await azurite.DisposeAsync();
            AppRoot.TryDelete(azuriteData);
        }
    }

    /// <summary>What the webhook enqueues (an InboundMessage with the normalized event), approximated at the same size.</summary>
    private static string FloorMessage() => JsonSerializer.Serialize(new
    {
        type = "orderEvent",
        receivedAt = DateTimeOffset.UtcNow,
        @event = new
        {
            source = "shopify",
            externalId = "7000001",
            eventId = Guid.NewGuid().ToString(),
            orderNumber = "#1.1",
            customer = new { email = "load@example.com", name = "Ana García" },
            references = new Dictionary<string, string> { ["shopifyOrderGid"] = "gid://shopify/Order/7000001", ["shopifyFulfillmentGid"] = "gid://shopify/Fulfillment/8000001", ["shopifyFulfillmentStatus"] = "success" },
            shipments = new[] { new { trackingNumber = "SBX4LOAD7000001", carrierName = "Sandbox", platformShipmentId = "gid://shopify/Fulfillment/8000001" } },
        },
    });

    private static bool IsRelease() =>
#if DEBUG
        false;
#else
        true;
#endif
}
