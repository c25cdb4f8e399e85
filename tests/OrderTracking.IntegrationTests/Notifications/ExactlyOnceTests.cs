using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>
/// Issue 6 "Done when": <c>SBX4…</c> leaves exactly three readable emails (shipped, out for delivery, delivered) although
/// every poll request and every notification is delivered twice, the handler is killed twice mid-flow, and each
/// notification is replayed again after the journey ended.
/// </summary>
public sealed class ExactlyOnceTests(SteadyStepFixture app) : IClassFixture<SteadyStepFixture>
{
    private const string Recipient = "n4-0001@example.com";
    private const string Number = "SBX4NOTE0001";

    [Fact]
    public async Task Sbx4_DuplicatedMessagesAndHandlerRestarts_ExactlyThreeEmailsAndThreeSentRows()
    {
        using var counter = new InvocationCounter(app.Host);
        string orderKey;
        int pollCopies, notificationCopies;
        await using (QueueDuplicator polls = QueueDuplicator.Start(app.Queues, "poll-requests"))
        await using (QueueDuplicator notifications = QueueDuplicator.Start(app.Queues, "notifications"))
        {
            orderKey = await ShipmentRegistration.RegisterAsync(app.Client, "N4-0001", Number, Recipient);

            await NotificationFlow.EmailsAsync(app, Recipient, 1);
            await app.Host.KillHandlerAsync();
            await NotificationFlow.EmailsAsync(app, Recipient, 2);
            await app.Host.KillHandlerAsync();
            await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, orderKey), s => s == "delivered", NotificationFlow.Timeout, "SBX4 delivered");
            await NotificationFlow.EmailsAsync(app, Recipient, 3);
            await NotificationFlow.SettleAsync(app, counter);
            pollCopies = polls.Copied;
            notificationCopies = notifications.Copied;
        }

        // The duplicates really happened; otherwise this test would prove nothing.
        Assert.True(pollCopies >= 3, $"only {pollCopies} poll-requests copies");
        Assert.True(notificationCopies >= 3, $"only {notificationCopies} notifications copies");

        // Replay every milestone once more after the fact (a late redelivery): still no second email.
        int sendsBefore = counter.Succeeded("SendNotification");
        var queue = app.Queues.GetQueueClient("notifications");
        foreach (string milestone in new[] { "shipped", "outForDelivery", "delivered" })
        {
            await queue.SendMessageAsync(JsonSerializer.Serialize(new { orderKey, carrier = "sandbox", trackingNumber = Number, milestone }));
        }

        await Eventually.UntilAsync(() => Task.FromResult(counter.Succeeded("SendNotification")), n => n >= sendsBefore + 3, NotificationFlow.Timeout, "replayed notifications handled");
        await NotificationFlow.QueueEmptyAsync(app, "notifications");

        IReadOnlyList<OutboxEmail> emails = OutboxReader.For(app.OutboxDirectory, Recipient);
        Assert.Equal(
            ["Your order N4-0001 has been delivered", "Your order N4-0001 has shipped", "Your order N4-0001 is out for delivery"],
            emails.Select(e => e.Subject).Order(StringComparer.Ordinal));
        Assert.Empty(OutboxReader.Leftovers(app.OutboxDirectory));

        IReadOnlyList<TableEntity> rows = await NotificationLedgerRows.ForOrderAsync(app.Tables, orderKey);
        Assert.Equal(
            [$"sandbox|{Number}|delivered", $"sandbox|{Number}|outForDelivery", $"sandbox|{Number}|shipped"],
            rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("sent", r.GetString("State")));
        Assert.Equal(emails.Select(e => e.Path).Order(StringComparer.Ordinal), rows.Select(r => r.GetString("ProviderMessageId")).Order(StringComparer.Ordinal));

        foreach (OutboxEmail email in emails)
        {
            Assert.Equal($"\"Ana\" <{Recipient}>", email.To);
            Assert.Contains(Number, email.PlainText, StringComparison.Ordinal);
            string token = NotificationFlow.Token(NotificationFlow.TrackingLink(email), orderKey);
            Assert.Equal(HttpStatusCode.OK, (await TrackingClient.GetAsync(app.Client, orderKey, token)).Status);
        }
    }

    /// <summary>
    /// Issue 13: <c>SBX4…</c> with a phone and <c>sms: true</c> gets exactly two texts (out for delivery, delivered)
    /// although every notification is delivered twice and the handler is killed once mid-flow; the ledger holds one
    /// <c>|sms</c> row per text, sent. The phone number never appears in the host's log.
    /// </summary>
    [Fact]
    public async Task Sbx4WithSms_DuplicatedMessagesAndARestart_ExactlyTwoTexts()
    {
        const string number = "SBX4SMSE0001";
        const string phone = "+14155550123";
        using var counter = new InvocationCounter(app.Host);
        string orderKey;
        await using (QueueDuplicator notifications = QueueDuplicator.Start(app.Queues, "notifications"))
        {
            orderKey = await ShipmentRegistration.RegisterAsync(app.Client, "N4-SMS-1", number, "n4-sms@example.com", phone: phone, sms: true);
            await NotificationFlow.EmailsAsync(app, "n4-sms@example.com", 1);
            await app.Host.KillHandlerAsync();
            await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, orderKey), s => s == "delivered", NotificationFlow.Timeout, "SBX4 delivered");
            await NotificationFlow.EmailsAsync(app, "n4-sms@example.com", 3);
            await NotificationFlow.SettleAsync(app, counter);
            Assert.True(notifications.Copied >= 1, $"only {notifications.Copied} notifications copies");
        }

        // And each texted milestone twice more after the fact: duplicates for certain, whatever the duplicator caught.
        int sendsBefore = counter.Succeeded("SendNotification");
        QueueClient queue = app.Queues.GetQueueClient("notifications");
        foreach (string milestone in new[] { "outForDelivery", "delivered", "outForDelivery", "delivered" })
        {
            await queue.SendMessageAsync(JsonSerializer.Serialize(new { orderKey, carrier = "sandbox", trackingNumber = number, milestone }));
        }

        await Eventually.UntilAsync(() => Task.FromResult(counter.Succeeded("SendNotification")), n => n >= sendsBefore + 4, NotificationFlow.Timeout, "replayed notifications handled");
        await NotificationFlow.QueueEmptyAsync(app, "notifications");

        string folder = Path.Combine(app.OutboxDirectory, "sms");
        string[] texts = [.. Directory.GetFiles(folder, "*.txt").Select(File.ReadAllText).Where(t => t.Contains("N4-SMS-1", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        Assert.Equal(2, texts.Length);
        Assert.StartsWith($"To: {phone}\n\nOrder N4-SMS-1: your package is out for delivery today. ", texts[0], StringComparison.Ordinal);
        Assert.StartsWith($"To: {phone}\n\nOrder N4-SMS-1: your package was delivered. ", texts[1], StringComparison.Ordinal);

        IReadOnlyList<TableEntity> rows = await NotificationLedgerRows.ForOrderAsync(app.Tables, orderKey);
        Assert.Equal([$"sandbox|{number}|delivered|sms", $"sandbox|{number}|outForDelivery|sms"], rows.Select(r => r.RowKey).Where(k => k.EndsWith("|sms", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("sent", r.GetString("State")));
        Assert.DoesNotContain(app.Host.HandlerLogs, l => l.Contains("4155550123", StringComparison.Ordinal));
    }
}
