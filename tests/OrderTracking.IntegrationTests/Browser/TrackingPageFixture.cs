using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Browser;

/// <summary>
/// The app under the DevHost, headless Chromium (Debian's <c>/usr/bin/chromium</c>, or <c>CHROMIUM_PATH</c>, driven by
/// Playwright) and a plain third-party "shop" page on another origin that embeds the widget. Orders for each sandbox
/// journey are registered once and waited for until they reach their last status.
/// </summary>
public sealed class TrackingPageFixture : FunctionAppFixture, IDisposable
{
    private readonly WebApplication _shop;
    private readonly SemaphoreSlim _ordersOnce = new(1, 1);
    private IPlaywright? _playwright;
    private Dictionary<string, RegisteredOrder>? _orders;

    public TrackingPageFixture()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _shop = builder.Build();
        _shop.MapGet("/shop.html", (HttpRequest r) => Results.Content(ShopPage(r.Query["api"]!, r.Query["orderKey"], r.Query["token"]), "text/html; charset=utf-8"));
        _shop.StartAsync().GetAwaiter().GetResult();
        ShopOrigin = _shop.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    /// <summary>The third-party shop's origin (allowed by <c>Tracking:AllowedOrigins</c>).</summary>
    public string ShopOrigin { get; }

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where this run's screenshots go (<c>OT_WRITE_SCREENSHOTS=1</c> also copies them to <c>docs/images/</c>).</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(Path.GetTempPath(), "ot-screens-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Tracking:AllowedOrigins"] = ShopOrigin,
        ["Tracking:Lookup:PerClient"] = "200", // every request of this class comes from 127.0.0.1
        ["Tracking:Lookup:PerOrder"] = "50",
    };

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task<IBrowser> StartBrowserAsync()
    {
        if (_playwright is not null)
        {
            return Browser;
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {ChromiumPath}. Install Debian's chromium (`apt-get install chromium`; .ci/run does) or set CHROMIUM_PATH.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return Browser;
    }

    /// <summary>A fresh context (no cookies, no cache) at a width: 1280 for desktop, 375 or 320 for phones.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, string locale = "en-US")
    {
        IBrowser browser = await StartBrowserAsync();
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = locale,
            TimezoneId = "UTC",
        });
        return await context.NewPageAsync();
    }

    /// <summary>One order per sandbox journey (and a Spanish one), registered on first use and waited for until final.</summary>
    public async Task<IReadOnlyDictionary<string, RegisteredOrder>> OrdersAsync()
    {
        await _ordersOnce.WaitAsync();
        try
        {
            if (_orders is not null)
            {
                return _orders;
            }

            var orders = new Dictionary<string, RegisteredOrder>(StringComparer.Ordinal);
            foreach ((string name, string number, string locale, string final) in Journeys)
            {
                string id = $"PAGE-{name}";
                string body = JsonSerializer.Serialize(new
                {
                    orderId = id,
                    email = $"{name.ToLowerInvariant()}@example.com",
                    name = "Ana",
                    locale,
                    shipments = new[] { new { carrier = "sandbox", trackingNumber = number } },
                });
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/shipments") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                request.Headers.Add("x-functions-key", FunctionKey);
                using HttpResponseMessage response = await Client.SendAsync(request);
                response.EnsureSuccessStatusCode();
                using JsonDocument answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                orders[name] = new RegisteredOrder(id, answer.RootElement.GetProperty("orderKey").GetString()!, answer.RootElement.GetProperty("token").GetString()!, final);
            }

            foreach (RegisteredOrder order in orders.Values)
            {
                await Eventually.UntilAsync(() => TrackingClient.StatusAsync(Client, order.OrderKey), s => s == order.FinalStatus, TimeSpan.FromSeconds(90), $"{order.OrderKey} {order.FinalStatus}");
            }

            _orders = orders;
            return orders;
        }
        finally
        {
            _ordersOnce.Release();
        }
    }

    /// <summary>The read API's answer for an order, as the page received it.</summary>
    public async Task<JsonElement> ReadAsync(RegisteredOrder order)
    {
        (HttpStatusCode status, JsonDocument? body) = await TrackingClient.GetAsync(Client, order.OrderKey, order.Token);
        using (body)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            return body!.RootElement.Clone();
        }
    }

    public string PageUrl(RegisteredOrder order, string? lang = null) =>
        new Uri(Client.BaseAddress!, $"api/track?orderKey={Uri.EscapeDataString(order.OrderKey)}&token={Uri.EscapeDataString(order.Token)}{(lang is null ? "" : "&lang=" + lang)}").ToString();

    public string ShopUrl(RegisteredOrder? order) =>
        $"{ShopOrigin}/shop.html?api={Uri.EscapeDataString(Client.BaseAddress!.ToString().TrimEnd('/'))}"
        + (order is null ? "" : $"&orderKey={Uri.EscapeDataString(order.OrderKey)}&token={Uri.EscapeDataString(order.Token)}");

    /// <summary>(name, number, locale, final status): SBX1–SBX7 of DESIGN §6, and SBX6 for a Spanish-speaking customer.</summary>
    public static readonly (string Name, string Number, string Locale, string Final)[] Journeys =
    [
        ("SBX1", "SBX1PAGE0001", "en", "labelCreated"),
        ("SBX2", "SBX2PAGE0002", "en", "inTransit"),
        ("SBX3", "SBX3PAGE0003", "en", "outForDelivery"),
        ("SBX4", "SBX4PAGE0004", "en", "delivered"),
        ("SBX5", "SBX5PAGE0005", "en", "returnToSender"),
        ("SBX6", "SBX6PAGE0006", "en", "exception"),
        ("SBX7", "SBX7PAGE0007", "en", "notFound"),
        ("SBX6ES", "SBX6PAGE0016", "es-MX", "exception"),
    ];

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _shop.DisposeAsync();
        await base.DisposeAsync();
    }

    public void Dispose() => _ordersOnce.Dispose();

    /// <summary>A merchant's page on another origin: it only loads the script and places the element.</summary>
    private static string ShopPage(string api, string? orderKey, string? token) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Acme Shop: your order</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body><main><h1>Acme Shop</h1>
        <order-tracking api-base="{WebUtility.HtmlEncode(api)}"{(orderKey is null ? "" : $" order-key=\"{WebUtility.HtmlEncode(orderKey)}\" token=\"{WebUtility.HtmlEncode(token)}\"")}></order-tracking>
        </main><script src="{WebUtility.HtmlEncode(api)}/api/widget.js"></script></body></html>
        """;
}

/// <summary>An order the fixture registered: its id (also its order number), key, read token and last status.</summary>
public sealed record RegisteredOrder(string OrderId, string OrderKey, string Token, string FinalStatus);
