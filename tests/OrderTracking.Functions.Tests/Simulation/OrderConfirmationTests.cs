using Azure.Data.Tables;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 13: the order confirmation email when an order arrives (on for Stripe, PayPal and API orders, off for Shopify
/// unless the merchant turns it on), once per order however often its events arrive; and the delayed email's ETA.
/// </summary>
public sealed class OrderConfirmationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ApiOrder_OneConfirmation_WithTheTrackingLink_AlthoughItsEventArrivesThreeTimes()
    {
        await using var sim = new StateMachineHarness(azurite, s_start);
        await sim.StartAsync();
        OrderEvent ev = Order(OrderSources.Api, "CONF-1", "CONF-1", "en");
        for (int i = 0; i < 3; i++)
        {
            await sim.Get<OrderIngestor>().IngestAsync(ev, CancellationToken.None);
        }

        await sim.DrainAsync();
        string[] emails = Emails(sim);
        string eml = Assert.Single(emails);
        Assert.Contains("Subject: We received your order CONF-1", eml, StringComparison.Ordinal);
        string decoded = eml.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal); // quoted-printable
        Assert.Contains("/api/track?orderKey=api%3ACONF-1&token=", decoded, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe: <http://localhost:7071/api/unsubscribe?orderKey=api%3ACONF-1&token=", eml, StringComparison.Ordinal);
        TableEntity row = (await sim.Table(TableNames.Notifications).GetEntityAsync<TableEntity>("api:CONF-1", "order|orderConfirmed")).Value;
        Assert.Equal("sent", row.GetString("State"));

        // Replayed later (a redelivered message): no second email.
        await sim.Get<NotificationQueue>().EnqueueOrderConfirmedAsync("api:CONF-1", CancellationToken.None);
        await sim.DrainAsync();
        Assert.Single(Emails(sim));
    }

    [Theory]
    [InlineData(OrderSources.Shopify, null, 0)]    // Shopify sends its own confirmation
    [InlineData(OrderSources.Shopify, "true", 1)]  // unless the merchant wants ours
    [InlineData(OrderSources.Stripe, null, 1)]
    [InlineData(OrderSources.Api, null, 1)]
    [InlineData(OrderSources.PayPal, "false", 0)]
    public async Task PerSource_TheSettingDecides(string source, string? setting, int expected)
    {
        var settings = new Dictionary<string, string?>();
        if (setting is not null)
        {
            settings[$"Notifications:OrderConfirmed:{(source == OrderSources.PayPal ? "PayPal" : char.ToUpperInvariant(source[0]) + source[1..])}"] = setting;
        }

        await using var sim = new StateMachineHarness(azurite, s_start, settings);
        await sim.StartAsync();
        await sim.Get<OrderIngestor>().IngestAsync(Order(source, "CONF-" + Guid.NewGuid().ToString("N")[..8], "#2001", "es"), CancellationToken.None);
        await sim.DrainAsync();

        string[] emails = Emails(sim);
        Assert.Equal(expected, emails.Length);
        Assert.All(emails, e => Assert.Contains("Subject: Hemos recibido tu pedido #2001", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACancelledOrderOrOneWithoutEmail_GetsNoConfirmation()
    {
        await using var sim = new StateMachineHarness(azurite, s_start);
        await sim.StartAsync();
        await sim.Get<OrderIngestor>().IngestAsync(Order(OrderSources.Api, "CONF-X", "CONF-X", "en") with { Kind = OrderEventKind.Cancelled }, CancellationToken.None);
        await sim.Get<OrderIngestor>().IngestAsync(Order(OrderSources.Api, "CONF-Y", "CONF-Y", "en") with { Customer = new CustomerInfo(null) }, CancellationToken.None);
        await sim.DrainAsync();
        Assert.Empty(Emails(sim));
    }

    [Theory]
    [InlineData("2026-12-05T00:00:00+00:00", "2026-12-05T00:00:00+00:00")] // still ahead: the new date
    [InlineData("2026-12-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00")] // today
    [InlineData("2026-11-30T00:00:00+00:00", null)]                          // passed: that is why it is late
    public void DelayedEmail_ShowsOnlyAnEtaThatIsStillAhead(string eta, string? shown) =>
        Assert.Equal(shown is null ? null : DateTimeOffset.Parse(shown, System.Globalization.CultureInfo.InvariantCulture),
            NotificationSender.EtaToShow(Milestone.Delayed, DateTimeOffset.Parse(eta, System.Globalization.CultureInfo.InvariantCulture), s_start));

    private static OrderEvent Order(string source, string id, string number, string locale) => new()
    {
        Source = source,
        ExternalId = id,
        OrderNumber = number,
        Customer = new CustomerInfo("ana@example.com", "Ana", locale),
    };

    private static string[] Emails(StateMachineHarness sim) =>
        Directory.Exists(sim.OutboxDirectory) ? [.. Directory.GetFiles(sim.OutboxDirectory, "*.eml").Select(File.ReadAllText)] : [];
}
