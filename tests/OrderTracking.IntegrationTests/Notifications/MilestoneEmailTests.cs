using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>
/// Issue 6 end to end on the default fast sandbox (2 s steps, a poll every second): which journeys email the customer,
/// in which language, and what the ledger records. Every count is exact, so a duplicate email or row fails.
/// </summary>
public sealed class MilestoneEmailTests(FunctionAppFixture app) : IClassFixture<FunctionAppFixture>
{
    [Fact]
    public async Task Sbx6_ShippedThenException_ExactlyTwoEmailsAndTwoSentRows()
    {
        using var counter = new InvocationCounter(app.Host);
        string orderKey = await ShipmentRegistration.RegisterAsync(app.Client, "N6-0001", "SBX6NOTE0001", "n6-0001@example.com");

        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, orderKey), s => s == "exception", NotificationFlow.Timeout, "SBX6 exception");
        await NotificationFlow.EmailsAsync(app, "n6-0001@example.com", 2);
        await NotificationFlow.SettleAsync(app, counter);

        IReadOnlyList<OutboxEmail> emails = OutboxReader.For(app.OutboxDirectory, "n6-0001@example.com");
        Assert.Equal(
            ["A problem with the delivery of your order N6-0001", "Your order N6-0001 has shipped"],
            emails.Select(e => e.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(
            new Dictionary<string, string?> { ["sandbox|SBX6NOTE0001|exception"] = "sent", ["sandbox|SBX6NOTE0001|shipped"] = "sent" },
            await NotificationLedgerRows.StatesAsync(app.Tables, orderKey));
    }

    [Fact]
    public async Task Sbx1LabelOnlyAndSbx7NotFound_NoEmailAndNoLedgerRow_AfterManyPolls()
    {
        using var counter = new InvocationCounter(app.Host);
        string label = await ShipmentRegistration.RegisterAsync(app.Client, "N1-0001", "SBX1NOTE0001", "n1-0001@example.com");
        string missing = await ShipmentRegistration.RegisterAsync(app.Client, "N7-0001", "SBX7NOTE0001", "n7-0001@example.com");

        // Both shipments polled again and again: at least three polls each, past the time an SBX2+ would have moved.
        await Eventually.UntilAsync(() => LastPolledAfterAsync(label, TimeSpan.FromSeconds(6)), ok => ok, NotificationFlow.Timeout, "SBX1 polled 6 s after registration");
        await Eventually.UntilAsync(() => LastPolledAfterAsync(missing, TimeSpan.FromSeconds(6)), ok => ok, NotificationFlow.Timeout, "SBX7 polled 6 s after registration");
        Assert.True(counter.Succeeded("PollCarrier") >= 6, $"only {counter.Succeeded("PollCarrier")} PollCarrier invocations");
        await NotificationFlow.SettleAsync(app, counter);

        Assert.Equal("labelCreated", await TrackingClient.StatusAsync(app.Client, label));
        Assert.Equal("notFound", await TrackingClient.StatusAsync(app.Client, missing));
        Assert.Empty(OutboxReader.For(app.OutboxDirectory, "n1-0001@example.com"));
        Assert.Empty(OutboxReader.For(app.OutboxDirectory, "n7-0001@example.com"));
        Assert.Empty(await NotificationLedgerRows.ForOrderAsync(app.Tables, label));
        Assert.Empty(await NotificationLedgerRows.ForOrderAsync(app.Tables, missing));
    }

    [Fact]
    public async Task SpanishLocale_OneShippedEmailInSpanish_WithAWorkingTrackingLink()
    {
        using var counter = new InvocationCounter(app.Host);
        string orderKey = await ShipmentRegistration.RegisterAsync(app.Client, "NES-0001", "SBX2NOTE0ES1", "nes-0001@example.com", locale: "es", name: "Begoña");

        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, orderKey), s => s == "inTransit", NotificationFlow.Timeout, "SBX2 in transit");
        await NotificationFlow.EmailsAsync(app, "nes-0001@example.com", 1);
        await NotificationFlow.SettleAsync(app, counter);

        OutboxEmail email = Assert.Single(OutboxReader.For(app.OutboxDirectory, "nes-0001@example.com"));
        Assert.Equal("Tu pedido NES-0001 ha sido enviado", email.Subject);
        Assert.Contains("Begoña", email.To, StringComparison.Ordinal);
        Assert.Contains("<nes-0001@example.com>", email.To, StringComparison.Ordinal);
        Assert.Contains("lang=\"es\"", email.Html, StringComparison.Ordinal);
        Assert.Contains("Begoña", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("SBX2NOTE0ES1", email.PlainText, StringComparison.Ordinal);

        string token = NotificationFlow.Token(NotificationFlow.TrackingLink(email), orderKey);
        Assert.Equal(HttpStatusCode.OK, (await TrackingClient.GetAsync(app.Client, orderKey, token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await TrackingClient.GetAsync(app.Client, "api:N6-0001", token)).Status);

        TableEntity row = Assert.Single(await NotificationLedgerRows.ForOrderAsync(app.Tables, orderKey));
        Assert.Equal("sandbox|SBX2NOTE0ES1|shipped", row.RowKey);
        Assert.Equal("sent", row.GetString("State"));
        Assert.Equal(email.Path, row.GetString("ProviderMessageId"));
    }

    [Fact]
    public async Task NoEmailAddress_NoEmailAndTheLedgerRowIsSkipped()
    {
        using var counter = new InvocationCounter(app.Host);
        int before = OutboxReader.All(app.OutboxDirectory).Count;
        string orderKey = await ShipmentRegistration.RegisterAsync(app.Client, "NNO-0001", "SBX2NOTE0NO1", email: null);

        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, orderKey), s => s == "inTransit", NotificationFlow.Timeout, "SBX2 in transit");
        IReadOnlyDictionary<string, string?> states = await Eventually.UntilAsync(
            () => NotificationLedgerRows.StatesAsync(app.Tables, orderKey), s => s.Values.Any(v => v != "pending"), NotificationFlow.Timeout, "ledger row settled");
        await NotificationFlow.SettleAsync(app, counter);

        Assert.Equal(new Dictionary<string, string?> { ["sandbox|SBX2NOTE0NO1|shipped"] = "skipped" }, await NotificationLedgerRows.StatesAsync(app.Tables, orderKey));
        Assert.Single(states);
        Assert.DoesNotContain(OutboxReader.All(app.OutboxDirectory), e => e.Subject.Contains("NNO-0001", StringComparison.Ordinal));
        Assert.Equal(before, OutboxReader.All(app.OutboxDirectory).Count);
    }

    private async Task<bool> LastPolledAfterAsync(string orderKey, TimeSpan afterRegistration)
    {
        await foreach (TableEntity row in app.Tables.GetTableClient("Orders").QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {orderKey} and RowKey ne {"order"}")))
        {
            return row.GetDateTimeOffset("LastPolledAt") is { } polled && row.GetDateTimeOffset("RegisteredAt") is { } registered
                && polled >= registered + afterRegistration;
        }

        return false;
    }
}
