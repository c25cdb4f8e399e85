using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using OrderTracking.Azurite;
using OrderTracking.Benchmarks.Webhooks;
using OrderTracking.DevHost;

namespace OrderTracking.Benchmarks.Pages;

/// <summary>
/// Issue 13: the tracking page in headless Chromium (Debian's, or CHROMIUM_PATH), served by the DevHost from the real
/// app: time from navigation to the first rendered shipment heading (the widget fetched, the read API answered, the
/// shadow DOM built), median of N fresh contexts, against the floor measured in the same run and browser: a static
/// page of the same size from the same server (widget.js alone, no API call), to its load event. Also the bytes.
/// Args: [runs=10].
/// </summary>
internal sealed class PageRenderScenario : IScenario
{
    public string Name => "page-render";

    public string Description => "Tracking page time to first render in headless Chromium (median of N) vs a static floor, and its weight";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { InMemory = true }, cancellationToken);
        string appRoot = AppRoot.Copy();
        try
        {
            var options = new DevHostOptions { AppRoot = appRoot, Port = 0, StorageConnectionString = azurite.ConnectionString, FunctionKey = "bench-key" };
            options.Settings["Tracking:ReadTokenKey"] = "page-render-read-token-key-0123456789";
            options.Settings["PollSchedule"] = "*/1 * * * * *";
            options.Settings["Polling:Cadence:Fixed"] = "00:00:01";
            options.Settings["Carriers:Sandbox:StepSeconds"] = "1";
            options.Settings["Email:OutboxDirectory"] = Path.Combine(appRoot, "outbox");
            using ILoggerFactory loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.None));
            await using DevHostServer host = await DevHostServer.StartAsync(options, loggers, cancellationToken);
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            using var register = new HttpRequestMessage(HttpMethod.Post, "api/shipments")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { orderId = "RENDER-1", email = "r@example.com", shipments = new[] { new { trackingNumber = "SBX4RENDER01" } } }), Encoding.UTF8, "application/json"),
            };
            register.Headers.Add("x-functions-key", "bench-key");
            using HttpResponseMessage registered = await client.SendAsync(register, cancellationToken);
            string token = JsonDocument.Parse(await registered.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("token").GetString()!;
            string pageUrl = new Uri(host.BaseAddress, $"api/track?orderKey=api%3ARENDER-1&token={Uri.EscapeDataString(token)}").ToString();
            string floorUrl = new Uri(host.BaseAddress, "api/widget.js").ToString();
            for (int i = 0; i < 150; i++) // until the sandbox journey is done: the page renders its final state
            {
                using HttpResponseMessage state = await client.GetAsync($"api/tracking/api%3ARENDER-1?token={Uri.EscapeDataString(token)}", cancellationToken);
                if (state.IsSuccessStatusCode && (await state.Content.ReadAsStringAsync(cancellationToken)).Contains("\"delivered\"", StringComparison.Ordinal))
                {
                    break;
                }

                await Task.Delay(200, cancellationToken);
            }

            using IPlaywright playwright = await Playwright.CreateAsync();
            string chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";
            await using IBrowser browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });

            double[] floor = new double[runs], page = new double[runs];
            long bytes = 0;
            for (int i = -1; i < runs; i++) // run -1 warms the browser and the server
            {
                IBrowserContext c1 = await browser.NewContextAsync();
                IPage p1 = await c1.NewPageAsync();
                await p1.GotoAsync(floorUrl, new() { WaitUntil = WaitUntilState.Load });
                double f = await p1.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventStart");
                await c1.CloseAsync();

                IBrowserContext c2 = await browser.NewContextAsync();
                IPage p2 = await c2.NewPageAsync();
                var responses = new List<IResponse>();
                p2.Response += (_, r) => responses.Add(r);
                await p2.GotoAsync(pageUrl, new() { WaitUntil = WaitUntilState.Commit });
                await p2.Locator("order-tracking section h2").WaitForAsync();
                double rendered = await p2.EvaluateAsync<double>("() => performance.now()");
                if (i == 0)
                {
                    foreach (IResponse r in responses.Where(r => r.Request.ResourceType is "document" or "script"))
                    {
                        bytes += (await r.BodyAsync()).Length;
                    }
                }

                await c2.CloseAsync();
                if (i >= 0)
                {
                    floor[i] = f;
                    page[i] = rendered;
                }
            }

            Array.Sort(floor);
            Array.Sort(page);
            double pageMedian = page[runs / 2], floorMedian = floor[runs / 2];
            Console.WriteLine($"page-render scenario: {runs} fresh contexts each, headless Chromium {browser.Version}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tracking page, first shipment heading rendered : median {pageMedian,7:F1} ms (min {page[0]:F1}, max {page[^1]:F1})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"floor: widget.js alone, load event             : median {floorMedian,7:F1} ms (min {floor[0]:F1}, max {floor[^1]:F1})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio page/floor {pageMedian / floorMedian:F2}x; page weight (HTML + JS, CSS inline) {bytes} bytes"));
        }
        finally
        {
            AppRoot.TryDelete(appRoot);
        }
    }
}
