using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrderTracking.Azurite;
using OrderTracking.Benchmarks.Storage;
using OrderTracking.Benchmarks.Webhooks;
using OrderTracking.Carriers.Limits;
using OrderTracking.DevHost;

namespace OrderTracking.Benchmarks.Carriers;

/// <summary>
/// Issue 12: N due DHL shipments drained by the function app scaled out to W DevHost workers (instances) against a DHL
/// stand-in that counts a strict sliding one-second window of R requests and answers 429 past it. The app's own path end
/// to end: <c>POST /api/shipments</c> → IngestEvent → SchedulePolls (the production 1-minute tick) → poll-requests → PollCarrier through the
/// shared budget (<c>CarrierState</c>) → merge. Optionally one worker is killed when 40 % are polled (the DevHost
/// restarts it; its in-flight invocations are retried by the queue). Reported: requests over the limit (goal 0), every
/// number polled, and the drain time from the first accepted request to the last against the theoretical minimum N / R.
/// Usage: <c>scenario drain-scaled [shipments=2000] [requestsPerSecond=20] [workers=4] [kill=0|1]</c>.
/// </summary>
internal sealed class ScaledDrainScenario : IScenario
{
    public string Name => "drain-scaled";

    public string Description => "2,000 due DHL shipments, 4 DevHost workers, a strict 429-ing stub: over-limit count, drain time vs N/R, optional worker kill";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int shipments = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        int rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        int workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        bool kill = args.Length > 3 && args[3] == "1";

        // The stub times arrivals in this process next to the DevHost: keep the pool from stalling it.
        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, 64), Math.Max(minIo, 64));
        // On disk, not in memory: the in-memory store's queue clean-up, once a minute, stops the whole emulator for
        // seconds once a few thousand messages were deleted (`scenario azurite-stall`), and the drain would measure that.
        string azuriteData = Path.Combine(Path.GetTempPath(), "ot-bench-azurite-" + Guid.NewGuid().ToString("N"));
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { InMemory = false, DataDirectory = azuriteData }, cancellationToken);
        await using RateLimitedCarrierStub dhl = await RateLimitedCarrierStub.StartAsync(rate);
        string appRoot = AppRoot.Copy();
        try
        {
            var options = new DevHostOptions { AppRoot = appRoot, Port = 0, StorageConnectionString = azurite.ConnectionString, WorkerCount = workers, FunctionKey = "drain-key" };
            options.Settings["Carriers:Dhl:ApiKey"] = "drain";
            options.Settings["Carriers:Dhl:BaseUrl"] = dhl.BaseUrl.AbsoluteUri;
            options.Settings["Carriers:Dhl:RequestsPerSecond"] = rate.ToString(CultureInfo.InvariantCulture);
            options.Settings["Carriers:Dhl:RequestsPerDay"] = "0";
            options.Settings["PollSchedule"] = Environment.GetEnvironmentVariable("DRAIN_SCHEDULE") ?? "0 */1 * * * *"; // the production tick
            options.Settings["Polling:MaxRequestsPerTick"] = "5000"; // the default 200 a minute would be the limit, not the carrier
            options.Settings["Polling:Cadence:Fixed"] = "01:00:00"; // one poll each: the drain, not re-polls
            options.Settings["Tracking:ReadTokenKey"] = "drain-bench-read-token-key-0123456789";
            using ILoggerFactory loggers = LoggerFactory.Create(b => b.SetMinimumLevel(Environment.GetEnvironmentVariable("BENCH_LOG") switch { "1" => LogLevel.Warning, "2" => LogLevel.Information, _ => LogLevel.None }).AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; o.UseUtcTimestamp = true; }));
            await using DevHostServer host = await DevHostServer.StartAsync(options, loggers, cancellationToken);
            using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            Console.WriteLine($"drain-scaled: {shipments} DHL shipments, limit {rate}/s (strict window), {workers} workers, kill one mid-drain: {kill}");

            // Register just after a tick, so all N are due (ingested and scheduled) before the next one: a drain of a
            // backlog, not of shipments still arriving.
            await WaitForSecondOfMinuteAsync(2, cancellationToken);
            await using var probe = new StorageStallProbe(azurite.ConnectionString, "poll-requests", "PollSchedule");
            var total = Stopwatch.StartNew();
            long registrationStarted = Stopwatch.GetTimestamp();
            double probeStart = probe.Now;
            foreach (int[] part in Enumerable.Range(0, shipments).Chunk(50))
            {
                var body = new { orderId = $"DRAIN-{part[0]}", shipments = part.Select(i => new { carrier = "dhl", trackingNumber = $"JJD{i:D10}" }).ToArray() };
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/shipments") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
                request.Headers.Add("x-functions-key", "drain-key");
                using HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
            }

            TimeSpan registered = total.Elapsed;
            bool killed = false;
            TimeSpan deadline = TimeSpan.FromSeconds((shipments / (double)rate * 2) + 120);
            while (dhl.Distinct < shipments && total.Elapsed < deadline)
            {
                if (kill && !killed && dhl.Distinct >= shipments * 0.4)
                {
                    await host.KillWorkerAsync(2);
                    killed = true;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  worker 2 killed at {total.Elapsed.TotalSeconds:F1} s with {dhl.Distinct} polled"));
                }

                await Task.Delay(100, cancellationToken);
            }

            double minimum = shipments / (double)rate;
            double drain = dhl.AcceptedSpan.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  registered in {registered.TotalSeconds:F1} s; polled {dhl.Distinct}/{shipments} numbers, {dhl.Accepted} requests accepted, {dhl.OverLimit} over the limit (429)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  drain (first to last accepted request) {drain:F1} s, theoretical minimum N/R {minimum:F1} s, ratio {drain / minimum:F3}; from the first registration {total.Elapsed.TotalSeconds:F1} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  this process (DevHost + carrier stub): GC paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s in {GC.CollectionCount(2)} gen-2 collections, {GC.CollectionCount(0)} gen-0"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Azurite probe from this process (every 100 ms): slowest answers (at s after the first registration: took s) {string.Join(", ", probe.Slowest(5).Select(s => $"{s.At - probeStart:F1}: {s.Seconds:F2}"))}; {probe.StalledSeconds(1):F1} s in answers over 1 s"));
            double[] gaps = [.. dhl.GapsMs().Order()];
            if (gaps.Length > 0)
            {
                double pace = 1000 / (rate * CarrierLimitsOptions.PaceFactor);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  longest gaps (at s after the first accepted request, which came {Stopwatch.GetElapsedTime(registrationStarted, dhl.FirstAcceptedTimestamp).TotalSeconds:F1} s after the first registration: gap s): {string.Join(", ", dhl.LongestGaps(5).Select(g => $"{g.At:F1}: {g.Gap:F2}"))}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  gaps between requests: p10 {gaps[gaps.Length / 10]:F0} ms, p50 {gaps[gaps.Length / 2]:F0} ms, p90 {gaps[gaps.Length * 9 / 10]:F0} ms, max {gaps[^1]:F0} ms (pace {pace:F0} ms); time in gaps over 2x pace {gaps.Where(g => g > 2 * pace).Sum() / 1000:F1} s"));
            }
        }
        finally
        {
            AppRoot.TryDelete(appRoot);
            AppRoot.TryDelete(azuriteData);
        }
    }

    private static async Task WaitForSecondOfMinuteAsync(int second, CancellationToken cancellationToken)
    {
        DateTime now = DateTime.UtcNow;
        var target = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, second, DateTimeKind.Utc);
        if (target <= now)
        {
            target = target.AddMinutes(1);
        }

        await Task.Delay(target - now, cancellationToken);
    }
}
