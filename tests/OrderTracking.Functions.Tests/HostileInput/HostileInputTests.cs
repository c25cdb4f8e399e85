using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Mime;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;
using OrderTracking.Testing.Hostile;
using Xunit.Abstractions;

namespace OrderTracking.Functions.Tests.HostileInput;

/// <summary>
/// Issue 15: a generated corpus against every public endpoint, in process, with the real services on Azurite. For
/// every case: never a 5xx, never a hang; a 2xx only for a valid request, a 4xx with a problem body otherwise; no
/// markup from the request unescaped in a page; no CORS grant to a foreign origin. For every endpoint's run: no
/// unhandled exception and no customer data in the logs, and nothing stored but what the accepted requests stored
/// (one queue message each). <c>OT_CORPUS_CASES</c> sets the cases per endpoint (default 10,000), <c>OT_CORPUS_SEED</c>
/// replays a CsCheck seed from a failure message.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_perRequest = TimeSpan.FromSeconds(30); // a hang, not a slow answer: the slowest seen is well under 1 s

    /// <summary>10,000 per endpoint the issue names; 2,000 for the health probe, unsubscribe and the keyed ops endpoints.</summary>
    private static int CasesFor(string endpoint) =>
        int.TryParse(Environment.GetEnvironmentVariable("OT_CORPUS_CASES"), CultureInfo.InvariantCulture, out int n) ? n
        : endpoint is Corpora.Kpis or Corpora.Dashboard ? 500 // keyed reads; each valid case queries storage once per day of its range
        : endpoint is Corpora.Health or Corpora.Unsubscribe or Corpora.SyncStatus or Corpora.PoisonList or Corpora.PoisonAction ? 2_000 : 10_000;

    public static TheoryData<string> Endpoints => [.. Corpora.Endpoints];

    [Fact]
    public void EveryHttpFunction_HasAGenerator()
    {
        string[] routes = [.. InProcessFunctionHost.HttpFunctions.Select(f => f.Route)];
        string[] covered = [.. Corpora.Endpoints.Select(e => e is Corpora.Track or Corpora.WidgetJs ? "{asset:regex(^(widget\\.js|track)$)}" : e)];
        Assert.Empty(routes.Except(covered));
        Assert.Equal(Corpora.Endpoints.Count, InProcessFunctionHost.HttpFunctions.Count + 1); // widget.js and track are one function
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task GeneratedCorpus_IsAnsweredSafely_AndStoresNothingItShouldNot(string endpoint)
    {
        // A fresh app and Azurite per endpoint: tens of thousands of requests on one in-memory Azurite made it stall
        // for tens of seconds (its responses all late together), which is the emulator, not the app.
        var app = new AppFixture();
        await app.InitializeAsync();
        try
        {
            await RunCorpusAsync(app, endpoint);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private async Task RunCorpusAsync(AppFixture app, string endpoint)
    {
        InProcessFunctionHost host = app.Host;
        Snapshot before = await app.SnapshotAsync();
        int logsBefore = host.Logs.Count;
        var statuses = new ConcurrentDictionary<int, int>();
        var expectations = new ConcurrentDictionary<Expectation, int>();
        int accepted = 0;
        long slowestTicks = 0;
        int cases = CasesFor(endpoint);
        var clock = Stopwatch.StartNew();

        await Check.SampleAsync(Corpora.For(endpoint, app.Context), async request =>
        {
            long started = Stopwatch.GetTimestamp();
            Answer answer = await SendAsync(host.Server, request).WaitAsync(s_perRequest);
            long ticks = Stopwatch.GetElapsedTime(started).Ticks;
            Oracle.RecordMax(ref slowestTicks, ticks);
            statuses.AddOrUpdate(answer.Status, 1, (_, v) => v + 1);
            expectations.AddOrUpdate(request.Expect, 1, (_, v) => v + 1);
            Verify(request, answer);
            if (IsAccepted(endpoint, answer))
            {
                Interlocked.Increment(ref accepted);
            }
        }, iter: cases, threads: 4, seed: Environment.GetEnvironmentVariable("OT_CORPUS_SEED"), print: r => r.ToString());
        clock.Stop();

        output.WriteLine($"{endpoint}: {cases} cases in {clock.Elapsed.TotalSeconds:F1} s (slowest {TimeSpan.FromTicks(slowestTicks).TotalMilliseconds:F0} ms); " +
            $"expected {string.Join(", ", expectations.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}"))}; " +
            $"answered {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; accepted {accepted}");

        InProcessFunctionHost.LogEntry[] logs = [.. host.Logs.Skip(logsBefore)];
        InProcessFunctionHost.LogEntry[] crashes = [.. logs.Where(l => l.Exception is not null && l.Level >= LogLevel.Error || l.Level == LogLevel.Critical)];
        Assert.True(crashes.Length == 0, $"{crashes.Length} unhandled exceptions, e.g.:\n" + string.Join("\n", crashes.Take(3).Select(l => $"{l.Category}: {l.Message}\n{l.Exception}")));
        InProcessFunctionHost.LogEntry[] leaks = [.. logs.Where(l => AppFixture.PersonalData.Any(p => l.Message.Contains(p, StringComparison.OrdinalIgnoreCase)))];
        Assert.True(leaks.Length == 0, "customer data in the logs: " + string.Join("\n", leaks.Take(3).Select(l => l.Message)));

        Snapshot after = await app.SnapshotAsync();
        AssertStoredOnlyWhatWasAccepted(app, endpoint, before, after, accepted);
        Assert.Empty(Directory.Exists(app.OutboxDirectory) ? Directory.GetFiles(app.OutboxDirectory, "*", SearchOption.AllDirectories) : []);

        // What was accepted must not poison the consumer either: a sample goes through IngestEvent.
        if (endpoint is Corpora.Stripe or Corpora.Shopify or Corpora.Shipments)
        {
            Assert.Equal(0, await app.IngestSampleAsync(100));
        }

        await app.ClearQueuesAsync();
    }

    private static void Verify(HostileRequest request, Answer answer)
    {
        string Why(string what) => $"{what}: answered {answer.Status} {answer.ContentType} {Clip(answer.Body)}\nfor {request}";

        Assert.True(answer.Status < 500, Why("a 5xx"));
        Assert.True(Oracle.StatusAllowed(request, answer.Status), Why($"expected {request.Expect}"));

        bool html = answer.ContentType?.StartsWith(MediaTypeNames.Text.Html, StringComparison.Ordinal) == true;
        if (answer.Status >= 400 && !html && !answer.Unrouted)
        {
            Assert.True(answer.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true, Why("a 4xx without a problem body"));
            using JsonDocument problem = JsonDocument.Parse(answer.Body);
            Assert.Equal(answer.Status, problem.RootElement.GetProperty("status").GetInt32());
        }

        if (html)
        {
            Assert.False(Oracle.ReflectsMarkup(answer.Body), Why("markup from the request reflected unescaped"));
        }

        Assert.True(answer.AllowOrigin is null or AppFixture.ShopOrigin || answer.AllowOrigin == "*" && request.Endpoint == Corpora.WidgetJs,
            Why($"CORS granted to '{answer.AllowOrigin}'"));
    }

    private static bool IsAccepted(string endpoint, Answer answer) => answer.Status == 200 && endpoint switch
    {
        Corpora.Stripe or Corpora.Shopify or Corpora.PayPal => answer.Body.Contains("\"accepted\"", StringComparison.Ordinal),
        Corpora.Shipments => true,
        _ => false,
    };

    private void AssertStoredOnlyWhatWasAccepted(AppFixture app, string endpoint, Snapshot before, Snapshot after, int accepted)
    {
        foreach ((string table, IReadOnlyDictionary<string, string> rows) in after.Tables)
        {
            IReadOnlyDictionary<string, string> was = before.Tables.GetValueOrDefault(table) ?? new Dictionary<string, string>();
            string[] changed = [.. rows.Where(r => !was.TryGetValue(r.Key, out string? etag) || etag != r.Value).Select(r => r.Key).Concat(was.Keys.Except(rows.Keys))];
            bool allowed = endpoint switch
            {
                // Every well-formed attempt is counted against the limits, and each hit or miss in the order-level KPI row, by design.
                Corpora.Lookup => table == TableNames.RateLimits || (table == TableNames.Kpis && changed.All(k => k.Split('|') is [_, "*", _] or [_, "*", _, _])),
                Corpora.Unsubscribe => table == TableNames.Orders && changed.All(k => k.StartsWith(app.SeededOrderPartition + "|", StringComparison.Ordinal)), // the valid POSTs
                _ => false,
            };
            Assert.True(changed.Length == 0 || allowed, $"{endpoint}: table {table} changed: {string.Join(", ", changed.Take(5))}");
        }

        foreach ((string queue, int count) in after.Queues)
        {
            int delta = count - before.Queues.GetValueOrDefault(queue);
            int expected = queue == QueueNames.InboundEvents ? accepted : 0;
            Assert.True(delta == expected, $"{endpoint}: queue {queue} gained {delta} messages; {expected} requests were accepted");
        }

        output.WriteLine($"{endpoint}: storage after the run: {after.Tables.Sum(t => t.Value.Count)} rows, inbound +{accepted}");
    }

    internal static async Task<Answer> SendAsync(TestServer server, HostileRequest request)
    {
        HttpContext http = await server.SendAsync(c =>
        {
            // From the internet: each case from its own address (203.0.113.0/24, 2001:db8::/32), as a crowd of clients would.
            int n = Random.Shared.Next();
            c.Connection.RemoteIpAddress = (n & 1) == 0
                ? new System.Net.IPAddress([203, 0, 113, (byte)(n >> 1)])
                : System.Net.IPAddress.Parse($"2001:db8:{(n >> 1) & 0xffff:x}::1");
            c.Request.Method = request.Method;
            c.Request.Path = new PathString(AsKestrelDecodes(request.Path));
            c.Request.QueryString = request.Query.Length == 0 ? QueryString.Empty : new QueryString(request.Query);
            foreach ((string name, string value) in request.Headers)
            {
                c.Request.Headers.Append(name, value);
            }

            if (request.Body is not null)
            {
                c.Request.Body = new MemoryStream(request.Body);
                c.Request.ContentLength = request.Body.Length;
            }
        });
        string body = await new StreamReader(http.Response.Body, Encoding.UTF8).ReadToEndAsync();
        return new Answer(http.Response.StatusCode, http.Response.ContentType, body, http.Response.Headers.ContainsKey(InProcessFunctionHost.UnroutedHeader),
            http.Response.Headers.AccessControlAllowOrigin.ToString() is { Length: > 0 } origin ? origin : null);
    }

    /// <summary>Kestrel decodes a path's percent-escapes, except <c>%2F</c>, before routing sees it.</summary>
    private static string AsKestrelDecodes(string raw) =>
        Uri.UnescapeDataString(Regex.Replace(raw, "%2[fF]", "%252F"));

    private static string Clip(string s) => s.Length <= 300 ? s : s[..300] + "…";

    internal sealed record Answer(int Status, string? ContentType, string Body, bool Unrouted, string? AllowOrigin);

    public sealed record Snapshot(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Tables, IReadOnlyDictionary<string, int> Queues);

    /// <summary>The app in process on its own Azurite, with one order (number <c>#H1001</c>) ingested the normal way.</summary>
    public sealed class AppFixture : IAsyncLifetime
    {
        public const string ShopOrigin = "https://shop.example.com";
        private const string ReadKey = "hostile-read-token-key-0123456789";
        private const string WebhookId = "WH-HOSTILE-1";
        private const string CertUrl = "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77";

        /// <summary>What the corpus's requests say about customers; none of it may reach a log line.</summary>
        public static readonly string[] PersonalData = ["ana@example.com", "jonas@example.com", "maria@example.com", "+14155550100", "+34600000000", "Jonas Weber"];

        private readonly AzuriteFixture _azurite = new();
        private readonly RSA _payPalKey = RSA.Create(2048);
        private InProcessFunctionHost? _host;

        internal InProcessFunctionHost Host => _host ?? throw new InvalidOperationException("not started");

        public CorpusContext Context { get; private set; } = null!;

        public string OutboxDirectory { get; } = Path.Combine(Path.GetTempPath(), "ot-hostile-outbox-" + Guid.NewGuid().ToString("N"));

        /// <summary>The seeded order's partition in Orders (its order and shipment rows).</summary>
        public string SeededOrderPartition { get; private set; } = "";

        public async Task InitializeAsync()
        {
            // A precaution: four sampling threads plus the app's Azure SDK continuations on a 2-core machine; enough pool
            // threads from the start that none waits for the pool to grow.
            ThreadPool.GetMinThreads(out int workers, out int io);
            ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
            await _azurite.InitializeAsync();
            var request = new CertificateRequest("CN=messageverificationcerts.sandbox.paypal.com", _payPalKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var settings = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                ["Tracking:ReadTokenKey"] = ReadKey,
                ["Tracking:AllowedOrigins"] = ShopOrigin,
                ["Tracking:Lookup:PerClient"] = "100000000",
                ["Tracking:Lookup:PerOrder"] = "100000000",
                ["Stripe:WebhookSecrets"] = "whsec_hostile_secret",
                ["Shopify:WebhookSecrets"] = "hostile-shopify-secret",
                ["PayPal:WebhookId"] = WebhookId,
                ["PayPal:Environment"] = "sandbox",
                ["PayPal:BaseUrl"] = "http://127.0.0.1:9/", // never the real PayPal, whatever a test does
                ["Stripe:BaseUrl"] = "http://127.0.0.1:9/",
                ["Shopify:BaseUrl"] = "http://127.0.0.1:9/",
                ["Email:OutboxDirectory"] = OutboxDirectory,
                ["Sms:OutboxDirectory"] = Path.Combine(OutboxDirectory, "sms"),
                ["Notifications:OrderConfirmed:Api"] = "false",
            };
            _host = await InProcessFunctionHost.StartAsync(settings, services => services.AddSingleton(sp => new PayPalWebhookVerifier(
                sp.GetRequiredService<IOptions<PayPalOptions>>(), new PinnedCertificate(certificate), null, sp.GetRequiredService<ILogger<PayPalWebhookVerifier>>())));

            // One order to read, look up and unsubscribe from, registered and ingested as a merchant's backend would.
            byte[] registration = Encoding.UTF8.GetBytes("""{"orderId":"H1001","email":"ana@example.com","shipments":[{"carrier":"ups","trackingNumber":"1Z999AA10123456784"}]}""");
            HttpContext answer = await Host.Server.SendAsync(c =>
            {
                c.Request.Method = "POST";
                c.Request.Path = "/api/shipments";
                c.Request.ContentType = "application/json";
                c.Request.Body = new MemoryStream(registration);
            });
            Assert.Equal(200, answer.Response.StatusCode);
            Assert.Equal(1, await IngestSampleAsync(32, countOnly: true));
            await ClearQueuesAsync();

            DateTimeOffset now = DateTimeOffset.UtcNow;
            const string orderKey = "api:H1001";
            SeededOrderPartition = (await Storage.Table(TableNames.Orders).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]).ToListAsync())
                .Select(e => e.PartitionKey).Distinct().Single(k => k.Contains("H1001", StringComparison.Ordinal));
            Context = new CorpusContext(
                () => DateTimeOffset.UtcNow, "whsec_hostile_secret", "hostile-shopify-secret", _payPalKey, WebhookId, CertUrl,
                orderKey, "#H1001", "ana@example.com", ReadToken.Mint(ReadKey, orderKey, now.AddDays(30)),
                [ReadToken.Mint(ReadKey, "api:H1002", now.AddDays(30)), ReadToken.Mint(ReadKey, orderKey, now.AddMinutes(-1)), ReadToken.Mint("another-read-token-key-0123456789", orderKey, now.AddDays(30))]);
        }

        private StorageContext Storage => Host.Services.GetRequiredService<StorageContext>();

        public async Task<Snapshot> SnapshotAsync()
        {
            var tables = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (string name in TableNames.All)
            {
                var rows = new Dictionary<string, string>(StringComparer.Ordinal);
                await foreach (TableEntity row in Storage.Table(name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                {
                    rows[$"{row.PartitionKey}|{row.RowKey}"] = row.ETag.ToString();
                }

                tables[name] = rows;
            }

            var queues = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string name in QueueNames.All.SelectMany(q => new[] { q, QueueNames.Poison(q) }))
            {
                queues[name] = (await Storage.Queue(name).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            }

            return new Snapshot(tables, queues);
        }

        /// <summary>Runs up to <paramref name="max"/> inbound messages through IngestEvent; answers how many failed (or, with <paramref name="countOnly"/>, how many ran).</summary>
        public async Task<int> IngestSampleAsync(int max, bool countOnly = false)
        {
            IngestEventFunction ingest = ActivatorUtilities.CreateInstance<IngestEventFunction>(Host.Services);
            QueueClient inbound = Storage.Queue(QueueNames.InboundEvents);
            int ran = 0;
            var failures = new List<string>();
            while (ran < max)
            {
                QueueMessage[] batch = (await inbound.ReceiveMessagesAsync(Math.Min(32, max - ran), TimeSpan.FromMinutes(5))).Value;
                if (batch.Length == 0)
                {
                    break;
                }

                foreach (QueueMessage message in batch)
                {
                    ran++;
                    try
                    {
                        await ingest.RunAsync(message.MessageText, CancellationToken.None);
                    }
                    catch (Exception ex) when (!countOnly)
                    {
                        failures.Add($"{ex.GetType().Name}: {ex.Message}\n{message.MessageText[..Math.Min(400, message.MessageText.Length)]}");
                    }
                }
            }

            Assert.True(failures.Count == 0, "IngestEvent failed on accepted messages:\n" + string.Join("\n", failures.Take(3)));
            return countOnly ? ran : failures.Count;
        }

        public async Task ClearQueuesAsync()
        {
            foreach (string name in QueueNames.All.SelectMany(q => new[] { q, QueueNames.Poison(q) }))
            {
                await Storage.Queue(name).ClearMessagesAsync();
            }
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            await _azurite.DisposeAsync();
            _payPalKey.Dispose();
            RepositoryLayout.TryDelete(OutboxDirectory);
        }
    }

    private sealed class PinnedCertificate(X509Certificate2 certificate) : IPayPalCertificateSource
    {
        public Task<PayPalCertificateLookup> GetAsync(Uri certUrl, CancellationToken cancellationToken) =>
            Task.FromResult(new PayPalCertificateLookup(WebhookVerificationResult.Valid, certificate));
    }
}
