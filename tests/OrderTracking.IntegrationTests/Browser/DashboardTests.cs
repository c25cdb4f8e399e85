using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.IntegrationTests.Notifications;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Browser;

/// <summary>
/// Issue 14, end to end: the sandbox journeys run through the DevHost and the real worker, the KPIs count them, the
/// dashboard shows those numbers in headless Chromium, and opening an email's tracking link counts one open.
/// </summary>
public sealed partial class DashboardTests(TrackingPageFixture app) : IClassFixture<TrackingPageFixture>
{
    [Fact]
    public async Task Dashboard_ShowsTheKpisOfTheJourneys_AndAnEmailLinkOpenCountsOnce()
    {
        IReadOnlyDictionary<string, RegisteredOrder> orders = await app.OrdersAsync(); // 8 journeys, each at its last status

        JsonElement totals = (await KpisAsync()).GetProperty("totals");
        Assert.Equal(8, totals.GetProperty("shipments").GetInt64());
        Assert.Equal(1, totals.GetProperty("delivered").GetInt64()); // SBX4
        Assert.Equal(1, totals.GetProperty("deliveredOnTime").GetInt64()); // before the sandbox's promise (4 steps)
        Assert.Equal(2, totals.GetProperty("exceptions").GetInt64()); // SBX6 in English and Spanish
        Assert.Equal(1, totals.GetProperty("returns").GetInt64()); // SBX5

        IPage page = await app.NewPageAsync(1280);
        IResponse? response = await page.GotoAsync(new Uri(app.Client.BaseAddress!, $"api/dashboard?code={FunctionAppFixture.FunctionKey}").ToString());
        Assert.Equal(200, response!.Status);
        ILocator row = page.Locator("tr[data-carrier=\"sandbox\"] td");
        Assert.Equal(["sandbox", "8", "1", "1", "100 %", "2", "1", "0"], (await row.AllInnerTextsAsync()).Take(8));
        Assert.Equal(5, await page.Locator("figure svg[role=img]").CountAsync()); // on-time, exceptions, transit, coverage, click-through
        Assert.Equal("100 %", await page.Locator(".cards li", new() { HasText = "On time" }).Locator("b").InnerTextAsync());

        AxeResult axe = await page.RunAxe();
        AxeResultItem[] serious = [.. axe.Violations.Where(v => v.Impact is "serious" or "critical")];
        Assert.True(serious.Length == 0, string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
        int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 1280, $"the dashboard scrolls sideways ({scrollWidth} px)");
        byte[] png = await page.ScreenshotAsync(new() { FullPage = true, Path = Path.Combine(app.ScreenshotDirectory, "dashboard.png") });
        Assert.True(png.Length > 10_000, "a rendered screenshot");
        if (Environment.GetEnvironmentVariable("OT_WRITE_SCREENSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.Combine(RepositoryLayout.Root, "docs", "images"));
            await File.WriteAllBytesAsync(Path.Combine(RepositoryLayout.Root, "docs", "images", "dashboard.png"), png);
        }

        // The customer opens the delivered email's link, twice: one open of one delivered email.
        OutboxEmail? delivered = await Eventually.UntilAsync(
            () => Task.FromResult(OutboxReader.For(app.OutboxDirectory, "sbx4@example.com").FirstOrDefault(e => e.Html.Contains("utm_campaign=delivered", StringComparison.Ordinal))),
            e => e is not null, TimeSpan.FromSeconds(30), "the delivered email of SBX4");
        var sent = new Uri(System.Net.WebUtility.HtmlDecode(TrackLink().Match(delivered!.Html).Groups[1].Value));
        string link = new Uri(app.Client.BaseAddress!, sent.PathAndQuery.TrimStart('/')).ToString(); // the email's link, on this run's port
        Assert.Contains("utm_medium=email", link, StringComparison.Ordinal);
        for (int i = 0; i < 2; i++)
        {
            IResponse? opened = await page.GotoAsync(link);
            Assert.Equal(200, opened!.Status);
            await Assertions.Expect(page.Locator("order-tracking section h2")).ToBeVisibleAsync();
        }

        JsonElement email = (await KpisAsync()).GetProperty("notifications").EnumerateArray().Single(n => n.GetProperty("channel").GetString() == "email");
        Assert.Equal(1, email.GetProperty("opened").GetProperty("delivered").GetInt64());
        Assert.True(email.GetProperty("sent").GetProperty("delivered").GetInt64() == 1, email.ToString());
        Assert.NotNull(orders["SBX4"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Kpis_WithoutTheFunctionKey_Is401_AndABadRangeIsAProblem()
    {
        using HttpResponseMessage anonymous = await app.Client.GetAsync("api/kpis");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var bad = new HttpRequestMessage(HttpMethod.Get, "api/dashboard?from=2026-02-30");
        bad.Headers.Add("x-functions-key", FunctionAppFixture.FunctionKey);
        using HttpResponseMessage answer = await app.Client.SendAsync(bad);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> KpisAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/kpis");
        request.Headers.Add("x-functions-key", FunctionAppFixture.FunctionKey);
        using HttpResponseMessage response = await app.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [GeneratedRegex("href=\"(http[^\"]*/api/track\\?[^\"]*)\"")]
    private static partial Regex TrackLink();
}
