using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Lookup;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 13: <c>POST /api/tracking/lookup</c> in process with the real services on Azurite and a fake clock: the index
/// written at ingestion, one answer for every miss, the shared rate limits, key rotation.
/// </summary>
public sealed class LookupTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ReadKey = "simulation-read-token-key-0123456789";
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RightPair_GivesATokenThatOpensTheOrder_InEveryFormTheCustomerTypesIt()
    {
        await using StateMachineHarness sim = await StartAsync();
        await IngestAsync(sim, OrderSources.Shopify, "450789469", "#1001", "Ana.Garcia@Example.com");
        await IngestAsync(sim, OrderSources.Api, "A-2002", null, "bo@example.com");

        foreach ((string number, string email, string orderKey) in new[]
        {
            ("#1001", "ana.garcia@example.com", "shopify:450789469"),
            ("1001", "  ANA.GARCIA@example.COM ", "shopify:450789469"),
            (" # 1001", "Ana.Garcia@Example.com", "shopify:450789469"),
            ("a-2002", "bo@example.com", "api:A-2002"),
        })
        {
            (int status, JsonElement body, _) = await LookupAsync(sim, number, email, "198.51.100.7");
            Assert.True(status == 200, $"{number} / {email}: {status} {body}");
            Assert.Equal(orderKey, body.GetProperty("orderKey").GetString());
            Assert.True(ReadToken.Verify([KeyOf(sim)], orderKey, body.GetProperty("token").GetString(), sim.Time.GetUtcNow()));
        }

        // The Shopify order's internal id is not a number the customer knows: not indexed.
        Assert.Equal(404, (await LookupAsync(sim, "450789469", "ana.garcia@example.com", "198.51.100.8")).Status);
    }

    [Fact]
    public async Task Misses_WrongEmailWrongNumberOtherOrdersEmail_AreTheSame404_AndStoreNoEmail()
    {
        await using StateMachineHarness sim = await StartAsync(new() { ["Tracking:Lookup:PerClient"] = "1000", ["Tracking:Lookup:PerOrder"] = "1000" });
        await IngestAsync(sim, OrderSources.Shopify, "1", "#3001", "ana@example.com");
        await IngestAsync(sim, OrderSources.Shopify, "2", "#3002", "bo@example.com");

        var bodies = new HashSet<string>(StringComparer.Ordinal);
        var wrongEmail = new List<double>();
        var wrongNumber = new List<double>();
        for (int i = 0; i < 15; i++)
        {
            foreach ((string number, string email, List<double>? times) in new[]
            {
                ("#3001", "eve@example.com", wrongEmail),
                ("#3999", "ana@example.com", wrongNumber),
                ("#3001", "bo@example.com", (List<double>?)null), // another customer's email
            })
            {
                long started = Stopwatch.GetTimestamp();
                (int status, JsonElement body, _) = await LookupAsync(sim, number, email, "203.0.113.9");
                times?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Assert.Equal(404, status);
                bodies.Add(WithoutTraceId(body));
            }
        }

        Assert.Single(bodies); // one answer for every miss: no oracle
        double ratio = Median(wrongEmail) / Median(wrongNumber);
        Assert.True(ratio is > 0.5 and < 2, $"wrong email {Median(wrongEmail):F2} ms vs wrong number {Median(wrongNumber):F2} ms: not one timing class");

        // The index holds keyed hashes only.
        foreach (string table in new[] { TableNames.OrderLookup, TableNames.RateLimits })
        {
            await foreach (TableEntity row in sim.Table(table).QueryAsync<TableEntity>())
            {
                string all = string.Join("|", row.Keys.Where(k => k is not ("odata.etag" or "Timestamp")).Select(k => $"{k}={row[k]}"));
                Assert.DoesNotContain("example.com", all, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("3001", all, StringComparison.Ordinal);
                Assert.DoesNotContain("203.0.113", all, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task TwentyMissesFromOneAddress_Are429WithRetryAfter_OtherAddressesAndTheNextWindowAreServed()
    {
        await using StateMachineHarness sim = await StartAsync();
        await IngestAsync(sim, OrderSources.Api, "R-1", null, "ana@example.com");

        var statuses = new List<int>();
        string? retryAfter = null;
        for (int i = 0; i < 20; i++)
        {
            (int status, _, IHeaderDictionary headers) = await LookupAsync(sim, $"GUESS-{i}", "ana@example.com", "192.0.2.1");
            statuses.Add(status);
            retryAfter ??= status == 429 ? headers.RetryAfter.ToString() : null;
        }

        Assert.Equal(Enumerable.Repeat(404, 10).Concat(Enumerable.Repeat(429, 10)), statuses); // 10 per 15 minutes
        Assert.Equal("900", retryAfter); // the fake clock sits at the start of a window
        Assert.Equal(429, (await LookupAsync(sim, "R-1", "ana@example.com", "192.0.2.1")).Status); // even the right pair
        Assert.Equal(200, (await LookupAsync(sim, "R-1", "ana@example.com", "192.0.2.2")).Status); // another client

        // IPv6: one subscriber's /64 is one client.
        for (int i = 0; i < 10; i++)
        {
            await LookupAsync(sim, $"V6-{i}", "x@example.com", $"2001:db8:1:2::{i + 1}");
        }

        Assert.Equal(429, (await LookupAsync(sim, "R-1", "ana@example.com", "2001:db8:1:2:ffff::1")).Status);
        Assert.Equal(200, (await LookupAsync(sim, "R-1", "ana@example.com", "2001:db8:1:3::1")).Status);

        sim.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(200, (await LookupAsync(sim, "R-1", "ana@example.com", "192.0.2.1")).Status);
    }

    [Fact]
    public async Task OneOrderNumber_IsLimitedAcrossClients_AndCountedAcrossInstances()
    {
        Dictionary<string, string?> settings = Settings(new() { ["Tracking:Lookup:PerOrder"] = "10" });
        await using var sim = new StateMachineHarness(azurite, s_start, settings);
        await sim.StartAsync();
        await IngestAsync(sim, OrderSources.Api, "T-1", null, "ana@example.com");

        // Two instances (two service providers, one table) guess emails in parallel from many addresses.
        await using var other = new StateMachineHarness(azurite, s_start, settings);
        Task<(int Status, JsonElement Body, IHeaderDictionary Headers)>[] guesses = [.. Enumerable.Range(0, 30)
            .Select(i => LookupAsync(i % 2 == 0 ? sim : other, "T-1", $"guess{i}@example.com", $"198.18.0.{i + 1}"))];
        int[] statuses = [.. (await Task.WhenAll(guesses)).Select(r => r.Status)];

        Assert.Equal(10, statuses.Count(s => s == 404)); // exactly the limit got through: every attempt counted once
        Assert.Equal(20, statuses.Count(s => s == 429));
    }

    [Fact]
    public async Task AfterAKeyRotation_OrdersIndexedUnderTheOldKeyAreStillFound()
    {
        await using (StateMachineHarness before = await StartAsync(new() { ["Tracking:ReadTokenKey"] = "old-read-token-key-0123456789" }))
        {
            await IngestAsync(before, OrderSources.Api, "K-1", null, "ana@example.com");
        }

        await using StateMachineHarness after = await StartAsync(new() { ["Tracking:ReadTokenKey"] = "new-read-token-key-0123456789,old-read-token-key-0123456789" });
        (int status, JsonElement body, _) = await LookupAsync(after, "K-1", "ana@example.com", "192.0.2.50");
        Assert.Equal(200, status);
        Assert.True(ReadToken.Verify(["new-read-token-key-0123456789"], "api:K-1", body.GetProperty("token").GetString(), after.Time.GetUtcNow()));
    }

    [Theory]
    [InlineData("{\"orderNumber\":\"\",\"email\":\"ana@example.com\"}", 400, "orderNumber")]
    [InlineData("{\"orderNumber\":\"1001\",\"email\":\"not-an-email\"}", 400, "email")]
    [InlineData("{\"orderNumber\":\"1001\"}", 400, "email")]
    [InlineData("[1,2]", 400, null)]
    [InlineData("{not json", 400, null)]
    public async Task BadBodies_Are400_AndCountNothing(string json, int expected, string? field)
    {
        await using StateMachineHarness sim = await StartAsync();
        (int status, JsonElement body, _) = await SendAsync(sim, json, "application/json", "192.0.2.99");
        Assert.Equal(expected, status);
        if (field is not null)
        {
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        }

        Assert.Equal(415, (await SendAsync(sim, "{}", "text/plain", "192.0.2.99")).Status);
        string client = LookupHash.Value(KeyOf(sim), "client", "192.0.2.99");
        Assert.DoesNotContain(await sim.Table(TableNames.RateLimits).QueryAsync<TableEntity>().ToListAsync(), r => r.RowKey.EndsWith(client, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OldCounters_AreDroppedByTheSweep()
    {
        await using StateMachineHarness sim = await StartAsync(start: s_start.AddDays(-60)); // days no other test writes to
        await LookupAsync(sim, "OLD-1", "ana@example.com", "192.0.2.77");
        Assert.Equal(2, (await sim.Table(TableNames.RateLimits).QueryAsync<TableEntity>(r => r.PartitionKey.CompareTo("20261002") > 0 && r.PartitionKey.CompareTo("20261003") < 0).ToListAsync()).Count);

        sim.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await sim.Get<RateLimitStore>().DropExpiredAsync(sim.Time.GetUtcNow(), CancellationToken.None)); // yesterday's are kept
        sim.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await sim.Get<RateLimitStore>().DropExpiredAsync(sim.Time.GetUtcNow(), CancellationToken.None)); // client + order counters
        Assert.Empty(await sim.Table(TableNames.RateLimits).QueryAsync<TableEntity>(r => r.PartitionKey.CompareTo("20261002") > 0 && r.PartitionKey.CompareTo("20261003") < 0).ToListAsync());
    }

    private async Task<StateMachineHarness> StartAsync(Dictionary<string, string?>? settings = null, DateTimeOffset? start = null)
    {
        var sim = new StateMachineHarness(azurite, start ?? s_start, Settings(settings ?? []));
        await sim.StartAsync();
        return sim;
    }

    // Each test its own tables' view: lookups of one test must not count against another's (they share the Azurite).
    private static Dictionary<string, string?> Settings(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Tracking:ReadTokenKey", ReadKey + "-" + Guid.NewGuid().ToString("N"));
        return settings;
    }

    private static string KeyOf(StateMachineHarness sim) => sim.Get<IOptions<TrackingOptions>>().Value.ReadTokenKeys[0];

    private static Task<IngestSummary> IngestAsync(StateMachineHarness sim, string source, string id, string? number, string email) =>
        sim.Get<OrderIngestor>().IngestAsync(new OrderEvent
        {
            Source = source,
            ExternalId = id,
            OrderNumber = number,
            Customer = new CustomerInfo(email, "Ana", "es"),
        }, CancellationToken.None);

    private static Task<(int Status, JsonElement Body, IHeaderDictionary Headers)> LookupAsync(StateMachineHarness sim, string number, string email, string client) =>
        SendAsync(sim, JsonSerializer.Serialize(new { orderNumber = number, email }), "application/json", client);

    private static async Task<(int Status, JsonElement Body, IHeaderDictionary Headers)> SendAsync(StateMachineHarness sim, string json, string contentType, string client)
    {
        HttpAnswer answer = await InProcessHttp.CallAsync(
            http => TrackingLookupEndpoints.HandleAsync(
                http, sim.Get<OrderLookup>(), sim.Get<StorageContext>(), sim.Get<IOptions<TrackingOptions>>(), sim.Time,
                sim.Get<Microsoft.Extensions.Logging.ILoggerFactory>(), CancellationToken.None),
            request =>
            {
                request.Method = "POST";
                InProcessHttp.Body(request, contentType, Encoding.UTF8.GetBytes(json));
                request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse(client);
            });
        return (answer.Status, JsonDocument.Parse(answer.Body).RootElement.Clone(), answer.Headers);
    }

    private static string WithoutTraceId(JsonElement body) =>
        string.Join(",", body.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }
}
