using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;
using OrderTracking.Functions.Unsubscribe;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 13: every email carries <c>List-Unsubscribe</c> + <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>
/// (RFC 8058); a POST to it stops the order's non-essential messages (emails and texts); a GET (a link scanner) does not;
/// an exception is still sent.
/// </summary>
public sealed partial class UnsubscribeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OneClickFromTheFirstEmail_StopsTheRestOfTheJourney_ButNotAnException()
    {
        await using var sim = new StateMachineHarness(azurite, s_start, new Dictionary<string, string?>
        {
            ["Carriers:Sandbox:StepSeconds"] = "86400", ["Notifications:OrderConfirmed:Api"] = "false",
        });
        await sim.StartAsync();
        await Ingest(sim, "UNS-1", "SBX4UNS000001", "ana@example.com"); // shipped day 1, out for delivery day 2, delivered day 3
        await Ingest(sim, "UNS-2", "SBX6UNS000002", "bo@example.com");  // shipped day 1, exception day 2
        await sim.RunUntilAsync(s_start.AddDays(1).AddHours(12));
        string first = Assert.Single(EmailsTo(sim, "ana@example.com"));
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", first, StringComparison.Ordinal);
        string url = UnsubscribeHeader().Match(first).Groups[1].Value;
        Assert.StartsWith("http://localhost:7071/api/unsubscribe?orderKey=api%3AUNS-1&token=", url, StringComparison.Ordinal);

        // A scanner's GET shows the page and changes nothing; the mailbox's one-click POST unsubscribes.
        (int getStatus, string page) = await CallAsync(sim, "GET", url);
        Assert.Equal(200, getStatus);
        Assert.Contains("<form method=\"post\"", page, StringComparison.Ordinal);
        Assert.Null((await sim.Get<OrderStore>().GetOrderAsync("api:UNS-1", CancellationToken.None))!.UnsubscribedAt);
        (int postStatus, _) = await CallAsync(sim, "POST", url);
        Assert.Equal(200, postStatus);
        Assert.NotNull((await sim.Get<OrderStore>().GetOrderAsync("api:UNS-1", CancellationToken.None))!.UnsubscribedAt);

        string bo = UnsubscribeHeader().Match(Assert.Single(EmailsTo(sim, "bo@example.com"))).Groups[1].Value;
        Assert.Equal(200, (await CallAsync(sim, "POST", bo)).Status);

        await sim.RunUntilAsync(s_start.AddDays(6));
        Assert.Single(EmailsTo(sim, "ana@example.com")); // no out-for-delivery, no delivered
        string[] boEmails = EmailsTo(sim, "bo@example.com");
        Assert.Equal(2, boEmails.Length); // shipped, then the exception: still sent
        Assert.Contains(boEmails, e => e.Contains("Subject: A problem with the delivery", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api:UNS-9", "1.bad")]
    [InlineData("api:NOPE", null)]
    [InlineData("bad/key", null)]
    public async Task ABadTokenOrAnUnknownOrder_IsTheSame404_AndChangesNothing(string orderKey, string? token)
    {
        await using var sim = new StateMachineHarness(azurite, s_start);
        await sim.StartAsync();
        await Ingest(sim, "UNS-9", "SBX1UNS000009", "cy@example.com");
        string minted = token ?? Core.Security.ReadToken.Mint(sim.Get<IOptions<TrackingOptions>>().Value.ReadTokenKeys[0], orderKey, s_start.AddDays(1));
        (int status, string body) = await CallAsync(sim, "POST", $"http://x/api/unsubscribe?orderKey={Uri.EscapeDataString(orderKey)}&token={Uri.EscapeDataString(minted)}");
        Assert.Equal(404, status);
        Assert.Contains("This unsubscribe link is not valid", body, StringComparison.Ordinal);
        Assert.Null((await sim.Get<OrderStore>().GetOrderAsync("api:UNS-9", CancellationToken.None))!.UnsubscribedAt);
    }

    private static Task<IngestSummary> Ingest(StateMachineHarness sim, string id, string number, string email) =>
        sim.Get<OrderIngestor>().IngestAsync(new OrderEvent
        {
            Source = OrderSources.Api,
            ExternalId = id,
            OrderNumber = id,
            Customer = new CustomerInfo(email, "Ana", "en"),
            Shipments = [new ShipmentInfo(number, "sandbox")],
        }, CancellationToken.None);

    private static string[] EmailsTo(StateMachineHarness sim, string to) =>
        Directory.Exists(sim.OutboxDirectory)
            ? [.. Directory.GetFiles(sim.OutboxDirectory, "*.eml").Select(File.ReadAllText).Where(e => e.Contains($"<{to}>", StringComparison.Ordinal))]
            : [];

    private static async Task<(int Status, string Body)> CallAsync(StateMachineHarness sim, string method, string url)
    {
        var uri = new Uri(url);
        var function = new UnsubscribeFunction(sim.Get<OrderStore>(), sim.Get<IOptions<TrackingOptions>>(), sim.Time, sim.Get<ILoggerFactory>().CreateLogger<UnsubscribeFunction>());
        HttpAnswer answer = await InProcessHttp.CallAsync(http => function.RunAsync(http.Request, CancellationToken.None), request =>
        {
            request.Method = method;
            request.QueryString = new QueryString(uri.Query);
            if (method == "POST")
            {
                InProcessHttp.Body(request, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"u8.ToArray());
            }
        });
        Assert.False(answer.Headers.ContainsKey("Location")); // RFC 8058: never a redirect
        return (answer.Status, answer.Body);
    }

    [GeneratedRegex("List-Unsubscribe: <([^>]+)>")]
    private static partial Regex UnsubscribeHeader();
}
