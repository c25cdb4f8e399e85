using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Kpis;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;
using Xunit.Abstractions;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 14: a known mix of 100 journeys on the real ingest → schedule → poll → merge → notify → sweep code, on
/// Azurite and a fake clock, gives exactly the expected KPIs; replaying every transition changes nothing.
/// </summary>
public sealed class KpiSimulationTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private enum Kind
    {
        OnTime,
        Late,
        Exception,
        NeverScanned,
    }

    /// <summary>
    /// A scripted carrier: label 1 h after registration, first scan at 12 h, then per kind: out for delivery at 48 h and
    /// delivered at 52 h (on time: promised for day 3); delivered at 5 d 4 h (late); an exception at 30 h; or never
    /// found. The promise is the registration day + 3 (a date, as carriers give it).
    /// </summary>
    private sealed class ScriptedCarrier(string code, Func<string, Kind> kindOf, TimeProvider time) : ICarrierTracker
    {
        public string Carrier => code;

        public int MaxBatch => 1;

        public int Calls { get; private set; }

        public Task<IReadOnlyDictionary<string, CarrierTrackingResult>> TrackAsync(IReadOnlyList<CarrierTrackingRequest> requests, CancellationToken cancellationToken)
        {
            Calls += requests.Count;
            DateTimeOffset now = time.GetUtcNow();
            return Task.FromResult<IReadOnlyDictionary<string, CarrierTrackingResult>>(
                requests.ToDictionary(r => r.TrackingNumber, r => Answer(kindOf(r.TrackingNumber), r.RegisteredAt, now)));
        }

        private static CarrierTrackingResult Answer(Kind kind, DateTimeOffset registered, DateTimeOffset now)
        {
            if (kind == Kind.NeverScanned)
            {
                return CarrierTrackingResult.NotFound();
            }

            (TimeSpan At, TrackingStatus Status)[] script = kind switch
            {
                Kind.OnTime => [(TimeSpan.FromHours(1), TrackingStatus.LabelCreated), (TimeSpan.FromHours(12), TrackingStatus.InTransit), (TimeSpan.FromHours(48), TrackingStatus.OutForDelivery), (TimeSpan.FromHours(52), TrackingStatus.Delivered)],
                Kind.Late => [(TimeSpan.FromHours(1), TrackingStatus.LabelCreated), (TimeSpan.FromHours(12), TrackingStatus.InTransit), (TimeSpan.FromHours(124), TrackingStatus.OutForDelivery), (TimeSpan.FromHours(124), TrackingStatus.Delivered)],
                _ => [(TimeSpan.FromHours(1), TrackingStatus.LabelCreated), (TimeSpan.FromHours(12), TrackingStatus.InTransit), (TimeSpan.FromHours(30), TrackingStatus.Exception)],
            };
            TrackingEvent[] events = [.. script.Where(s => registered + s.At <= now).Select(s => new TrackingEvent(registered + s.At, s.Status, s.Status.ToString())).Reverse()];
            if (events.Length == 0)
            {
                return CarrierTrackingResult.NotFound();
            }

            TrackingStatus current = events[0].Status;
            DateTimeOffset? eta = current == TrackingStatus.Delivered ? null : new DateTimeOffset(registered.UtcDateTime.Date.AddDays(3), TimeSpan.Zero);
            return CarrierTrackingResult.Found(current, events, eta);
        }
    }

    private static Kind KindOf(int i) => i switch { < 80 => Kind.OnTime, < 90 => Kind.Late, < 95 => Kind.Exception, _ => Kind.NeverScanned };

    private static string Number(int i) => $"KPI{i:D4}";

    private static Kind KindOfNumber(string number) => KindOf(int.Parse(number[3..], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task KnownMixOf100_GivesExactlyTheExpectedKpis_AndReplayingEveryTransitionChangesNothing()
    {
        var start = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        ScriptedCarrier? ups = null, fedex = null;
        await using var sim = new StateMachineHarness(azurite, start, new Dictionary<string, string?>
        {
            ["Notifications:OrderConfirmed:Api"] = "false",
            ["Polling:Cadence:Fixed"] = "06:00:00", // coarse polls keep the run short; the facts come from the carrier's event times
        }, services =>
        {
            services.AddSingleton<ICarrierTracker>(p => ups = new ScriptedCarrier("ups", KindOfNumber, p.GetRequiredService<TimeProvider>()));
            services.AddSingleton<ICarrierTracker>(p => fedex = new ScriptedCarrier("fedex", KindOfNumber, p.GetRequiredService<TimeProvider>()));
        });
        await sim.StartAsync();

        var events = new List<OrderEvent>();
        for (int i = 0; i < 100; i++)
        {
            sim.Time.SetUtcNow(start.AddHours(2 * (i / 25))); // all registered on Nov 2, in four batches (08:00 to 14:00 UTC)
            var ev = new OrderEvent
            {
                Source = i % 2 == 0 ? OrderSources.Shopify : OrderSources.Api,
                ExternalId = $"K-{i}",
                Customer = new CustomerInfo($"c{i}@example.com", "Ana", "en"),
                Shipments = [new ShipmentInfo(Number(i), i % 2 == 0 ? "UPS" : "FedEx")],
            };
            events.Add(ev);
            await sim.Get<OrderIngestor>().IngestAsync(ev, CancellationToken.None);
        }

        var wall = System.Diagnostics.Stopwatch.StartNew();
        await sim.RunUntilAsync(start.AddDays(6));
        output.WriteLine($"6 simulated days, 100 journeys: {sim.Ticks} steps, {ups!.Calls + fedex!.Calls} carrier calls, {wall.ElapsedMilliseconds} ms wall");

        JsonElement kpis = await GetKpisAsync(sim, "?from=2026-11-01&to=2026-11-30");
        JsonElement totals = kpis.GetProperty("totals");
        Assert.Equal(100, totals.GetProperty("shipments").GetInt64());
        Assert.Equal(90, totals.GetProperty("delivered").GetInt64());
        Assert.Equal(90, totals.GetProperty("deliveredWithPromise").GetInt64());
        Assert.Equal(80, totals.GetProperty("deliveredOnTime").GetInt64());
        Assert.Equal(0.8889, totals.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(5, totals.GetProperty("exceptions").GetInt64());
        Assert.Equal(0, totals.GetProperty("returns").GetInt64());
        Assert.Equal(5, totals.GetProperty("noUpdateAfter24h").GetInt64());
        Assert.Equal(0.95, totals.GetProperty("trackingCoverage").GetDouble());
        // 80 transits of 40 h (bucket 40–42 h) and 10 of 112 h (108–114 h): p50 = 40 + 45/80 × 2, p90 = 108 + 1/10 × 6.
        Assert.Equal(41.1, totals.GetProperty("transitHours").GetProperty("p50").GetDouble());
        Assert.Equal(108.6, totals.GetProperty("transitHours").GetProperty("p90").GetDouble());

        JsonElement upsFigures = kpis.GetProperty("carriers").EnumerateArray().Single(c => c.GetProperty("carrier").GetString() == "ups");
        Assert.Equal((50, 45, 40, 3, 2), (upsFigures.GetProperty("shipments").GetInt64(), upsFigures.GetProperty("delivered").GetInt64(),
            upsFigures.GetProperty("deliveredOnTime").GetInt64(), upsFigures.GetProperty("exceptions").GetInt64(), upsFigures.GetProperty("noUpdateAfter24h").GetInt64()));
        JsonElement fedexFigures = kpis.GetProperty("carriers").EnumerateArray().Single(c => c.GetProperty("carrier").GetString() == "fedex");
        Assert.Equal((50, 45, 40, 2, 3), (fedexFigures.GetProperty("shipments").GetInt64(), fedexFigures.GetProperty("delivered").GetInt64(),
            fedexFigures.GetProperty("deliveredOnTime").GetInt64(), fedexFigures.GetProperty("exceptions").GetInt64(), fedexFigures.GetProperty("noUpdateAfter24h").GetInt64()));
        Assert.Equal(["api", "shopify"], kpis.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("source").GetString()));

        // Each count lands on its event's day: registrations on Nov 2, on-time deliveries on Nov 4, late ones on Nov 7.
        JsonElement[] days = [.. kpis.GetProperty("days").EnumerateArray()];
        Assert.Equal(100, days.Where(d => d.GetProperty("date").GetString() == "2026-11-02").Sum(d => d.GetProperty("shipments").GetInt64()));
        Assert.Equal(80, days.Where(d => d.GetProperty("date").GetString() == "2026-11-04").Sum(d => d.GetProperty("deliveredOnTime").GetInt64()));
        Assert.Equal(10, days.Where(d => d.GetProperty("date").GetString() == "2026-11-07").Sum(d => d.GetProperty("delivered").GetInt64()));

        // Emails: every journey that scanned got "shipped" (95); the 90 delivered got out-for-delivery and delivered.
        JsonElement email = kpis.GetProperty("notifications").EnumerateArray().Single(n => n.GetProperty("channel").GetString() == "email");
        Assert.Equal(95, email.GetProperty("sent").GetProperty("shipped").GetInt64());
        Assert.Equal(90, email.GetProperty("sent").GetProperty("delivered").GetInt64());
        Assert.Equal(5, email.GetProperty("sent").GetProperty("exception").GetInt64());

        // The per-shipment facts are kept on the row.
        ShipmentRecord late = (await sim.Get<OrderStore>().GetShipmentAsync("shopify:K-80", "ups", Number(80), CancellationToken.None))!;
        DateTimeOffset registered = late.RegisteredAt;
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero), late.Facts.FirstEta);
        Assert.Equal(registered.AddHours(12), late.Facts.FirstScanAt);
        Assert.Equal(registered.AddHours(124), late.Facts.DeliveredAt);
        Assert.Equal(registered.AddHours(124), late.Facts.OutForDeliveryAt);
        Assert.Null(late.Facts.FirstExceptionAt);
        Assert.True(late.Facts.CarrierUpdates >= 3, $"{late.Facts.CarrierUpdates} carrier updates");

        // Replays: every event again, every shipment's transitions again (as a retried poll would), every coverage check again.
        string before = await SnapshotAsync(sim);
        foreach (OrderEvent ev in events)
        {
            await sim.Get<OrderIngestor>().IngestAsync(ev, CancellationToken.None);
        }

        KpiRecorder recorder = sim.Get<KpiRecorder>();
        for (int i = 0; i < 100; i++)
        {
            string orderKey = (i % 2 == 0 ? "shopify:" : "api:") + $"K-{i}";
            ShipmentRecord row = (await sim.Get<OrderStore>().GetShipmentAsync(orderKey, i % 2 == 0 ? "ups" : "fedex", Number(i), CancellationToken.None))!;
            await recorder.RegisteredAsync(row, CancellationToken.None);
            await recorder.TransitionsAsync(row, KpiTransitions.Between(ShipmentFacts.Empty, row.Facts), CancellationToken.None);
            if (KpiTransitions.HadNoUpdateWithin24h(row.Facts, row.RegisteredAt))
            {
                await recorder.NoUpdateAsync(row, CancellationToken.None);
            }
        }

        await sim.RunUntilAsync(start.AddDays(7)); // the re-indexed coverage checks come due and are swept again
        Assert.Equal(before, await SnapshotAsync(sim));
    }

    [Fact]
    public async Task KpiQuery_RejectsBadRangesAndFilters_WithProblems()
    {
        await using var sim = new StateMachineHarness(azurite, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
        await sim.StartAsync();
        foreach (string query in new[] { "?from=2026-13-01", "?from=2026-09-10&to=2026-09-01", "?from=2025-01-01&to=2026-09-01", "?carrier=royalmail", "?source=amazon", "?to=yesterday" })
        {
            HttpAnswer answer = await CallAsync(sim, query, dashboard: false);
            Assert.True(answer.Status == 400, $"{query}: {answer.Status}");
            Assert.Contains("application/problem+json", answer.Headers.ContentType.ToString(), StringComparison.Ordinal);
        }

        HttpAnswer empty = await CallAsync(sim, "", dashboard: false);
        JsonElement body = JsonDocument.Parse(empty.Body).RootElement;
        Assert.Equal(200, empty.Status);
        Assert.Equal("2026-09-02", body.GetProperty("from").GetString()); // the last 30 days by default
        Assert.Equal(0, body.GetProperty("totals").GetProperty("shipments").GetInt64());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("totals").GetProperty("onTimeRate").ValueKind);
    }

    private static async Task<JsonElement> GetKpisAsync(StateMachineHarness sim, string query)
    {
        HttpAnswer answer = await CallAsync(sim, query, dashboard: false);
        Assert.Equal(200, answer.Status);
        return JsonDocument.Parse(answer.Body).RootElement.Clone();
    }

    private static Task<HttpAnswer> CallAsync(StateMachineHarness sim, string query, bool dashboard)
    {
        KpiFunctions functions = ActivatorUtilities.CreateInstance<KpiFunctions>(sim.Get<IServiceProvider>());
        return InProcessHttp.CallAsync(
            http => dashboard ? functions.DashboardAsync(http.Request, CancellationToken.None) : functions.KpisAsync(http.Request, CancellationToken.None),
            request =>
            {
                request.Method = "GET";
                request.QueryString = new QueryString(query);
            });
    }

    /// <summary>Every aggregate row's counters (not the markers), as text to compare.</summary>
    private static async Task<string> SnapshotAsync(StateMachineHarness sim)
    {
        var rows = new List<string>();
        await foreach (TableEntity e in sim.Table(TableNames.Kpis).QueryAsync<TableEntity>(e => e.RowKey.CompareTo("~") < 0))
        {
            rows.Add($"{e.PartitionKey}/{e.RowKey}: " + string.Join(",", e.Where(kv => kv.Value is int or long).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));
        }

        return string.Join("\n", rows.Order(StringComparer.Ordinal));
    }
}
