using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Browser;

/// <summary>
/// Issue 13: the tracking page, the <c>&lt;order-tracking&gt;</c> widget and its lookup form in headless Chromium, against
/// the app under the DevHost. What a customer sees for each sandbox journey, the form, the widget on a third-party
/// origin (CORS), accessibility (axe: no serious or critical violation) and the 320 px layout.
/// </summary>
public sealed class TrackingPageTests(TrackingPageFixture app) : IClassFixture<TrackingPageFixture>
{
    private static readonly string[] s_stages = ["Ordered", "Shipped", "In transit", "Out for delivery", "Delivered"];

    public static TheoryData<string, string, string, string?> Journeys => new()
    {
        // journey, heading, current stage, what the banner says (null: no banner)
        { "SBX1", "Label created", "Ordered", null },
        { "SBX2", "In transit", "In transit", null },
        { "SBX3", "Out for delivery", "Out for delivery", null },
        { "SBX4", "Delivered", "Delivered", null },
        { "SBX5", "Returning to the store", "In transit", "The store will contact you about a refund or a new shipment." },
        { "SBX6", "Problem with the delivery", "In transit", "The carrier is working on it." },
        { "SBX7", "Awaiting the carrier's first scan", "Ordered", "Updates usually appear within a day of shipping." },
    };

    [Theory]
    [MemberData(nameof(Journeys))]
    public async Task Page_ForEachJourney_ShowsTheStageTheTimelineAndTheBanner(string journey, string heading, string stage, string? banner)
    {
        RegisteredOrder order = (await app.OrdersAsync())[journey];
        JsonElement model = await app.ReadAsync(order);
        IPage page = await app.NewPageAsync();
        await page.GotoAsync(app.PageUrl(order));

        ILocator section = page.Locator("order-tracking section");
        await Assertions.Expect(section.Locator("h2")).ToHaveTextAsync(heading);
        await Assertions.Expect(section.Locator(".progress li[aria-current=step]")).ToContainTextAsync(stage);
        int current = Array.IndexOf(s_stages, stage);
        Assert.Equal(journey == "SBX4" ? 5 : current, await section.Locator(".progress li.done").CountAsync());

        // The timeline is the read API's events, newest first, with places.
        JsonElement events = model.GetProperty("shipments")[0].GetProperty("events");
        ILocator items = section.Locator("ol.timeline li");
        Assert.Equal(events.GetArrayLength(), await items.CountAsync());
        for (int i = 0; i < events.GetArrayLength(); i++)
        {
            string text = await items.Nth(i).InnerTextAsync();
            Assert.Contains(events[i].GetProperty("description").GetString()!, text, StringComparison.Ordinal);
            if (events[i].GetProperty("city").GetString() is { Length: > 0 } city)
            {
                Assert.Contains(city, text, StringComparison.Ordinal);
            }
        }

        ILocator banners = section.Locator(".banner");
        if (banner is null)
        {
            Assert.Equal(0, await banners.CountAsync());
        }
        else
        {
            await Assertions.Expect(banners).ToContainTextAsync(banner);
            Assert.Equal("status", await banners.GetAttributeAsync("role"));
        }

        // Never colour alone: the status has an icon (hidden from screen readers) next to its text.
        Assert.Equal("true", await section.Locator("h2 svg").GetAttributeAsync("aria-hidden"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Page_ForAnOrderWithoutShipmentsYet_SaysOrderReceived()
    {
        // What the confirmation email links to: the order arrived, nothing has shipped.
        string body = JsonSerializer.Serialize(new { orderId = "PAGE-EMPTY", email = "e@example.com", shipments = Array.Empty<object>() });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/shipments") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", TrackingPageFixture.FunctionKey);
        using HttpResponseMessage response = await app.Client.SendAsync(request);
        using JsonDocument answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var order = new RegisteredOrder("PAGE-EMPTY", "api:PAGE-EMPTY", answer.RootElement.GetProperty("token").GetString()!, "none");
        await Infrastructure.Eventually.UntilAsync(async () => (await Infrastructure.TrackingClient.GetAsync(app.Client, order.OrderKey, order.Token)).Status,
            s => s == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the order stored");

        IPage page = await app.NewPageAsync();
        await page.GotoAsync(app.PageUrl(order));
        await Assertions.Expect(page.Locator("order-tracking section h2")).ToHaveTextAsync("Order received");
        await Assertions.Expect(page.Locator("order-tracking .progress li[aria-current=step]")).ToContainTextAsync("Ordered");
        await Assertions.Expect(page.Locator("order-tracking section")).ToContainTextAsync("Tracking appears here as soon as your order ships.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Page_InTheOrdersLanguage_Spanish()
    {
        RegisteredOrder order = (await app.OrdersAsync())["SBX6ES"];
        IPage page = await app.NewPageAsync(locale: "en-US"); // the browser is English: the order's locale wins
        await page.GotoAsync(app.PageUrl(order, lang: "es"));

        await Assertions.Expect(page.Locator("order-tracking section h2")).ToHaveTextAsync("Incidencia en la entrega");
        await Assertions.Expect(page.Locator("order-tracking .banner")).ToContainTextAsync("El transportista está en ello.");
        await Assertions.Expect(page.Locator("order-tracking .progress li[aria-current=step]")).ToContainTextAsync("En tránsito");
        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("es", await page.Locator("order-tracking .ot").GetAttributeAsync("lang"));
        Assert.Equal("Seguimiento del pedido", await page.TitleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LookupForm_RightPairOpensTheOrder_AMissShowsTheOneMessage()
    {
        RegisteredOrder order = (await app.OrdersAsync())["SBX4"];
        IPage page = await app.NewPageAsync();
        await page.GotoAsync(new Uri(app.Client.BaseAddress!, "api/track").ToString());

        await page.GetByLabel("Order number").FillAsync(order.OrderId);
        await page.GetByLabel("Email address").FillAsync("nobody@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Track order" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("We could not find an order with this number and email. Check both and try again.");

        // By keyboard only: type, tab, type, Enter.
        await page.GetByLabel("Order number").FillAsync(string.Empty);
        await page.GetByLabel("Order number").FocusAsync();
        await page.Keyboard.TypeAsync(order.OrderId.ToLowerInvariant());
        await page.Keyboard.PressAsync("Tab"); // to the email field (the hint is not a stop)
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("SBX4@Example.com");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("order-tracking section h2")).ToHaveTextAsync("Delivered");
        Assert.Equal("Delivered", await page.EvaluateAsync<string>("() => document.querySelector('order-tracking').shadowRoot.activeElement?.textContent"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Widget_OnAThirdPartyOrigin_LoadsTrackingAndLooksUpOrders_ThroughCors()
    {
        IReadOnlyDictionary<string, RegisteredOrder> orders = await app.OrdersAsync();
        IPage page = await app.NewPageAsync();
        var failed = new List<string>();
        page.RequestFailed += (_, r) => failed.Add(r.Url);

        await page.GotoAsync(app.ShopUrl(orders["SBX3"]));
        Assert.NotEqual(new Uri(page.Url).Port, app.Client.BaseAddress!.Port); // another origin
        await Assertions.Expect(page.Locator("order-tracking section h2")).ToHaveTextAsync("Out for delivery");

        await page.GotoAsync(app.ShopUrl(null)); // the storefront's "track my order" form
        await page.GetByLabel("Order number").FillAsync(orders["SBX2"].OrderId);
        await page.GetByLabel("Email address").FillAsync("sbx2@example.com");
        IResponse lookup = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Track order" }).ClickAsync(), r => r.Url.EndsWith("/api/tracking/lookup", StringComparison.Ordinal));
        Assert.Equal(200, lookup.Status);
        Assert.Equal(app.ShopOrigin, await lookup.HeaderValueAsync("access-control-allow-origin"));
        await Assertions.Expect(page.Locator("order-tracking section h2")).ToHaveTextAsync("In transit");
        Assert.Empty(failed);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("SBX4", 1280)]
    [InlineData("SBX6", 375)]
    [InlineData("SBX6ES", 320)]
    [InlineData(null, 375)]
    public async Task Pages_HaveNoSeriousOrCriticalAxeViolations_AndFitTheWidth(string? journey, int width)
    {
        IPage page = await app.NewPageAsync(width);
        if (journey is null)
        {
            await page.GotoAsync(new Uri(app.Client.BaseAddress!, "api/track").ToString());
            await Assertions.Expect(page.GetByLabel("Order number")).ToBeVisibleAsync();
        }
        else
        {
            await page.GotoAsync(app.PageUrl((await app.OrdersAsync())[journey]));
            await Assertions.Expect(page.Locator("order-tracking section h2")).ToBeVisibleAsync();
        }

        AxeResult result = await page.RunAxe();
        AxeResultItem[] serious = [.. result.Violations.Where(v => v.Impact is "serious" or "critical")];
        Assert.True(serious.Length == 0, string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
        Assert.True(result.Passes.Length > 10, "axe ran its rules"); // not a vacuous pass

        int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"the page scrolls sideways at {width} px ({scrollWidth} px wide)");

        string name = $"tracking-{journey?.ToLowerInvariant() ?? "lookup"}-{width}.png";
        byte[] png = await page.ScreenshotAsync(new() { FullPage = true, Path = Path.Combine(app.ScreenshotDirectory, name) });
        Assert.True(png.Length > 5_000, "a rendered screenshot");
        if (Environment.GetEnvironmentVariable("OT_WRITE_SCREENSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.Combine(RepositoryLayout.Root, "docs", "images"));
            await File.WriteAllBytesAsync(Path.Combine(RepositoryLayout.Root, "docs", "images", name), png);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PageWeight_HtmlScriptAndStyles_IsUnder30KB()
    {
        RegisteredOrder order = (await app.OrdersAsync())["SBX4"];
        IPage page = await app.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, r) => responses.Add(r); // bodies are read after the load: never block Playwright's event loop
        await page.GotoAsync(app.PageUrl(order));
        await Assertions.Expect(page.Locator("order-tracking section h2")).ToHaveTextAsync("Delivered");

        IResponse[] assets = [.. responses.Where(r => r.Request.ResourceType is "document" or "script" or "stylesheet")];
        long bytes = 0;
        foreach (IResponse asset in assets)
        {
            bytes += (await asset.BodyAsync()).Length;
        }

        Assert.Equal(2, assets.Length); // the page and widget.js: nothing else is fetched
        Assert.Equal(["document", "script"], assets.Select(a => a.Request.ResourceType).Order());
        Assert.True(bytes < 30 * 1024, $"page + widget.js = {bytes} bytes");
        await page.Context.CloseAsync();
    }
}
