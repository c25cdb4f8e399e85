using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using OrderTracking.Azure.Storage;
using OrderTracking.Azurite;
using OrderTracking.Benchmarks.Webhooks;
using OrderTracking.DevHost;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing.Email;

namespace OrderTracking.Benchmarks.Soak;

/// <summary>
/// Issue 12's soak: signed Shopify <c>fulfillments/create</c> webhooks (one new order, one DHL number each) sent open
/// loop at a target rate through the DevHost to W workers, with ingestion, the 1-minute scheduler, polling of a
/// journey-playing DHL stand-in (<see cref="JourneyCarrierStub"/>, strict 429 past its limit) and emails (local outbox)
/// all running. With faults on: a worker (never worker 1, whose memory is reported) killed every 60 s, the carrier
/// answering 503 for 30 s at 30 % of the run, Azurite (on disk) stopped and restarted on the same ports at 50 %.
/// After the load: waits for <c>inbound-events</c> and <c>notifications</c> to drain, then checks every acknowledged
/// webhook against the <c>Orders</c> table (order row and shipment row), every email for a duplicate (same recipient
/// and subject), the poison queues, and the carrier's over-limit count.
/// Usage: <c>scenario soak [seconds=600] [rate=200] [workers=2] [faults=1] [carrierRate=20]</c>.
/// </summary>
internal sealed class SoakScenario : IScenario
{
    private const string Secret = "soak-shopify-secret";
    private const int MaxInFlight = 128;

    public string Name => "soak";

    public string Description => "webhooks at a target rate for N s with polling and emails running, worker kills, Azurite restart, carrier 5xx: lost, duplicates, over-limit, memory";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 600;
        int rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        int workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        bool faults = args.Length <= 3 || args[3] != "0";
        int carrierRate = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 20;

        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, 64), Math.Max(minIo, 64));
        string azuriteData = Path.Combine(Path.GetTempPath(), "ot-soak-azurite-" + Guid.NewGuid().ToString("N"));
        string outbox = Path.Combine(Path.GetTempPath(), "ot-soak-outbox-" + Guid.NewGuid().ToString("N"));
        var azuriteOptions = new AzuriteOptions { InMemory = false, DataDirectory = azuriteData, BlobPort = FreePort(), QueuePort = FreePort(), TablePort = FreePort() };
        AzuriteInstance azurite = await AzuriteInstance.StartAsync(azuriteOptions, cancellationToken);
        await using JourneyCarrierStub dhl = await JourneyCarrierStub.StartAsync(carrierRate);
        string appRoot = AppRoot.Copy();
        try
        {
            var options = new DevHostOptions { AppRoot = appRoot, Port = 0, StorageConnectionString = azurite.ConnectionString, WorkerCount = workers };
            options.Settings["Shopify:WebhookSecrets"] = Secret;
            options.Settings["Carriers:Dhl:ApiKey"] = "soak";
            options.Settings["Carriers:Dhl:BaseUrl"] = dhl.BaseUrl.AbsoluteUri;
            options.Settings["Carriers:Dhl:RequestsPerSecond"] = carrierRate.ToString(CultureInfo.InvariantCulture);
            options.Settings["Carriers:Dhl:RequestsPerDay"] = "0";
            options.Settings["PollSchedule"] = "0 */1 * * * *";
            options.Settings["Polling:MaxRequestsPerTick"] = (carrierRate * 60).ToString(CultureInfo.InvariantCulture);
            options.Settings["Polling:Cadence:Fixed"] = "00:01:00";
            options.Settings["Email:OutboxDirectory"] = outbox;
            options.Settings["Tracking:ReadTokenKey"] = "soak-read-token-key-0123456789abcdef";
            using ILoggerFactory loggers = LoggerFactory.Create(b => b.SetMinimumLevel(Environment.GetEnvironmentVariable("BENCH_LOG") == "1" ? LogLevel.Warning : LogLevel.None).AddSimpleConsole(o => o.SingleLine = true));
            await using DevHostServer host = await DevHostServer.StartAsync(options, loggers, cancellationToken);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = MaxInFlight }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            Console.WriteLine($"soak: {seconds} s at {rate} webhooks/s target, {workers} workers, faults {(faults ? "on" : "off")}, DHL stub limit {carrierRate}/s, Azurite on disk");

            var memory = new List<(double At, long Worker1, long Host)>();
            var acked = new ConcurrentDictionary<long, double>();
            var latencies = new ConcurrentBag<double>();
            var refused = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var clock = Stopwatch.StartNew();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task load = SendAsync(client, rate, TimeSpan.FromSeconds(seconds), acked, latencies, refused, stop.Token);

            int kills = 0;
            bool carrierFailed = false, azuriteRestarted = false;
            double nextKill = 60, nextSample = 0;
            while (!load.IsCompleted)
            {
                double at = clock.Elapsed.TotalSeconds;
                if (at >= nextSample)
                {
                    memory.Add((at, WorkingSet(host, 1), Environment.WorkingSet));
                    nextSample += 30;
                }

                if (faults && workers > 1 && at >= nextKill)
                {
                    int index = 2 + (kills % (workers - 1));
                    await host.KillWorkerAsync(index);
                    kills++;
                    nextKill += 60;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {at,5:F0} s: worker {index} killed ({acked.Count:N0} acked so far)"));
                }

                if (faults && !carrierFailed && at >= seconds * 0.3)
                {
                    dhl.FailFor(TimeSpan.FromSeconds(30));
                    carrierFailed = true;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {at,5:F0} s: carrier answers 503 for 30 s"));
                }

                if (faults && !azuriteRestarted && at >= seconds * 0.5)
                {
                    var down = Stopwatch.StartNew();
                    await azurite.StopAsync(TimeSpan.FromSeconds(15));
                    azurite = await AzuriteInstance.StartAsync(azuriteOptions, cancellationToken);
                    azuriteRestarted = true;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {at,5:F0} s: Azurite stopped (SIGTERM) and restarted on the same ports ({down.Elapsed.TotalSeconds:F1} s down)"));
                }

                await Task.WhenAny(load, Task.Delay(250, cancellationToken));
            }

            await load;
            double loadSeconds = clock.Elapsed.TotalSeconds;
            memory.Add((loadSeconds, WorkingSet(host, 1), Environment.WorkingSet));
            double[] sorted = [.. latencies.Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  load: {acked.Count:N0} acknowledged in {loadSeconds:F0} s ({acked.Count / loadSeconds:F0}/s), p50 {Percentile(sorted, 0.5):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms; not acknowledged: {(refused.IsEmpty ? "none" : string.Join(", ", refused.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value:N0}")))}"));

            // Drain: everything acknowledged must reach storage, every notification must be handled.
            StorageConnection storage = StorageConnection.FromConnectionString(azurite.ConnectionString);
            QueueServiceClient queues = storage.CreateQueueServiceClient();
            var drain = Stopwatch.StartNew();
            int quiet = 0;
            while (drain.Elapsed < TimeSpan.FromMinutes(10) && quiet < 3)
            {
                quiet = await CountAsync(queues, QueueNames.InboundEvents, cancellationToken) == 0 ? quiet + 1 : 0;
                await Task.Delay(2000, cancellationToken);
            }

            // Polling goes on at the carrier's limit (every acknowledged order has a journey of three polls), so the
            // notifications and poll-requests queues keep getting new messages: their backlog is reported, not awaited.
            int polls = await CountAsync(queues, QueueNames.PollRequests, cancellationToken);
            int pending = await CountAsync(queues, QueueNames.Notifications, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  inbound-events {(quiet >= 3 ? "drained" : "NOT drained")} {drain.Elapsed.TotalSeconds:F0} s after the load; poll-requests holds {polls:N0}, notifications {pending:N0}"));

            (int lostOrders, int lostShipments, double[] lostAt) = await LostAsync(storage.CreateTableServiceClient().GetTableClient(TableNames.Orders), acked, cancellationToken);
            Console.WriteLine($"  stored state: {acked.Count - lostOrders:N0}/{acked.Count:N0} acknowledged orders found, {lostOrders} lost, {lostShipments} missing a shipment row");
            if (lostAt.Length > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lost ones were acknowledged between {lostAt.Min():F1} s and {lostAt.Max():F1} s"));
            }
            await foreach (global::Azure.Storage.Queues.Models.QueueItem queue in queues.GetQueuesAsync(cancellationToken: cancellationToken))
            {
                int count = await CountAsync(queues, queue.Name, cancellationToken);
                if (queue.Name.EndsWith("-poison", StringComparison.Ordinal) || (count > 0 && queue.Name != QueueNames.PollRequests))
                {
                    Console.WriteLine($"  queue {queue.Name}: {count} messages");
                }
            }

            (int emails, int duplicates, string byMilestone) = Emails(outbox);
            (int polled, int delivered) = dhl.Numbers();
            Console.WriteLine($"  emails: {emails:N0} ({byMilestone}), {duplicates} duplicates (same recipient and subject)");
            Console.WriteLine($"  carrier: {dhl.Accepted:N0} answered, {dhl.Failed:N0} answered 503 in the fault, {dhl.OverLimit} over the limit (429); {polled:N0} numbers polled, {delivered:N0} told delivered");
            Console.WriteLine($"  worker kills: {kills}, Azurite restarts: {(azuriteRestarted ? 1 : 0)}");
            Console.WriteLine("  working set MB (s: worker 1 | bench process with DevHost and stubs): " + string.Join(", ", memory.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.At:F0}: {m.Worker1 / 1048576.0:F0} | {m.Host / 1048576.0:F0}"))));
        }
        finally
        {
            AppRoot.TryDelete(appRoot);
            await azurite.DisposeAsync();
            AppRoot.TryDelete(azuriteData);
            AppRoot.TryDelete(outbox);
        }
    }

    /// <summary>Open loop: request i is sent at start + i / rate (at most <see cref="MaxInFlight"/> at once); 2xx counts as acknowledged.</summary>
    private static async Task SendAsync(HttpClient client, int rate, TimeSpan duration, ConcurrentDictionary<long, double> acked, ConcurrentBag<double> latencies, ConcurrentDictionary<string, int> refused, CancellationToken cancellationToken)
    {
        long total = (long)(rate * duration.TotalSeconds);
        long next = -1;
        var start = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, MaxInFlight).Select(_ => Task.Run(async () =>
        {
            long i;
            while ((i = Interlocked.Increment(ref next)) < total && start.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                TimeSpan due = TimeSpan.FromSeconds(i / (double)rate);
                if (due > start.Elapsed)
                {
                    await Task.Delay(due - start.Elapsed, cancellationToken);
                }

                long order = 90_000_000 + i;
                long t = Stopwatch.GetTimestamp();
                try
                {
                    using HttpRequestMessage request = Webhook(order);
                    using HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        acked[order] = start.Elapsed.TotalSeconds;
                        latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    }
                    else
                    {
                        refused.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    refused.AddOrUpdate(e is TaskCanceledException ? "timeout" : "connection", 1, (_, n) => n + 1);
                }
            }
        }, cancellationToken)));
    }

    private static HttpRequestMessage Webhook(long order)
    {
        string body = string.Create(CultureInfo.InvariantCulture, $$"""
            {"id":{{order + 1_000_000_000}},"admin_graphql_api_id":"gid://shopify/Fulfillment/{{order + 1_000_000_000}}","order_id":{{order}},"name":"#{{order}}.1","status":"success","created_at":"2026-12-01T06:00:00-05:00","updated_at":"2026-12-01T06:00:00-05:00","service":"manual","tracking_company":"DHL","shipment_status":null,"email":"soak-{{order}}@example.com","destination":{"first_name":"Ana","last_name":"García","address1":"1 Calle Mayor","city":"Madrid","zip":"28013","country_code":"ES"},"tracking_number":"{{Number(order)}}","tracking_numbers":["{{Number(order)}}"],"tracking_url":null,"tracking_urls":[],"line_items":[{"id":1,"title":"Mug","quantity":1,"sku":"MUG-1","price":"19.00"}]}
            """);
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/shopify") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), bytes)));
        request.Headers.Add("X-Shopify-Topic", "fulfillments/create");
        request.Headers.Add("X-Shopify-Shop-Domain", "soak.myshopify.com");
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        return request;
    }

    private static string Number(long order) => string.Create(CultureInfo.InvariantCulture, $"JJD{order:D10}");

    /// <summary>Acknowledged orders without an order row, and those without their shipment row.</summary>
    private static async Task<(int Orders, int Shipments, double[] LostAt)> LostAsync(TableClient orders, ConcurrentDictionary<long, double> acked, CancellationToken cancellationToken)
    {
        int lostOrders = 0, lostShipments = 0;
        var lostAt = new ConcurrentBag<double>();
        await Parallel.ForEachAsync(acked, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (entry, ct) =>
        {
            long order = entry.Key;
            string key = string.Create(CultureInfo.InvariantCulture, $"shopify:{order}");
            NullableResponse<TableEntity> row = await orders.GetEntityIfExistsAsync<TableEntity>(key, "order", ["PartitionKey"], ct);
            NullableResponse<TableEntity> shipment = await orders.GetEntityIfExistsAsync<TableEntity>(key, $"shipment|dhl|{Number(order)}", ["PartitionKey"], ct);
            if (!row.HasValue)
            {
                Interlocked.Increment(ref lostOrders);
            }

            if (!shipment.HasValue)
            {
                Interlocked.Increment(ref lostShipments);
            }

            if (!row.HasValue || !shipment.HasValue)
            {
                lostAt.Add(entry.Value);
            }
        });
        return (lostOrders, lostShipments, [.. lostAt]);
    }

    /// <summary>Emails in the outbox, how many share a recipient and subject with another (a duplicate), and the count per subject ending.</summary>
    private static (int Emails, int Duplicates, string ByMilestone) Emails(string outbox)
    {
        if (!Directory.Exists(outbox))
        {
            return (0, 0, "none");
        }

        var parsed = Directory.EnumerateFiles(outbox, "*.eml").Select(p => EmlReader.Parse(File.ReadAllBytes(p)).Headers).Select(h => (To: h["To"], Subject: h["Subject"])).ToList();
        int duplicates = parsed.GroupBy(e => e, EqualityComparer<(string, string)>.Default).Sum(g => g.Count() - 1);
        string byMilestone = string.Join(", ", parsed.GroupBy(e => Milestone(e.Subject), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count():N0}"));
        return (parsed.Count, duplicates, byMilestone);
    }

    // "Your order #90000012 has shipped" → "has shipped": the subject without the order number.
    private static string Milestone(string subject)
    {
        int hash = subject.IndexOf('#', StringComparison.Ordinal);
        int space = hash < 0 ? -1 : subject.IndexOf(' ', hash);
        return space < 0 ? subject : subject[(space + 1)..];
    }

    private static async Task<int> CountAsync(QueueServiceClient queues, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return 0;
        }
    }

    private static long WorkingSet(DevHostServer host, int index)
    {
        int? pid = host.Workers.FirstOrDefault(w => w.Index == index)?.ProcessId;
        try
        {
            using Process? process = pid is int id ? Process.GetProcessById(id) : null;
            return process?.WorkingSet64 ?? 0;
        }
        catch (ArgumentException)
        {
            return 0; // restarting
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
