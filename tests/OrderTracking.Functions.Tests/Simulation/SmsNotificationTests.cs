using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 13: texts at out for delivery, delivered and exception, exactly once per (shipment, milestone, channel), on
/// the fake clock with the real services on Azurite. Twilio has no idempotency key, so the ledger claim carries a
/// lease; these tests drive it with duplicated and concurrent messages, a provider that refuses, and one that hangs.
/// </summary>
public sealed class SmsNotificationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    // Milestone emails only: the order confirmation is counted by OrderConfirmationTests.
    private static readonly Dictionary<string, string?> s_daily = new() { ["Carriers:Sandbox:StepSeconds"] = "86400", ["Notifications:OrderConfirmed:Api"] = "false" };

    [Fact]
    public async Task Sbx4WithSmsOn_TwoTexts_OutForDeliveryAndDelivered_EvenWhenEveryMessageIsDeliveredTwice()
    {
        await using var sim = new StateMachineHarness(azurite, s_start, s_daily);
        await sim.StartAsync();
        await IngestAsync(sim, "SMS-1", "SBX4SMS000001", phone: "+14155550100", sms: true, locale: "es");
        await sim.RunUntilAsync(s_start.AddDays(6));
        Assert.Equal(TrackingStatus.Delivered, (await sim.Get<OrderStore>().GetShipmentAsync("api:SMS-1", "sandbox", "SBX4SMS000001", CancellationToken.None))!.Tracking.Status);

        // Every milestone message again, twice at once (at-least-once delivery, two instances).
        NotificationSender sender = sim.Get<NotificationSender>();
        string[] outcomes = await Task.WhenAll(new[] { Milestone.Shipped, Milestone.OutForDelivery, Milestone.Delivered }
            .SelectMany(m => new[] { m, m })
            .Select(m => sender.SendAsync(new NotificationRequest("api:SMS-1", "sandbox", "SBX4SMS000001", m.ToWireName()), m, CancellationToken.None)));
        Assert.All(outcomes, o => Assert.DoesNotContain("sent", o, StringComparison.Ordinal));

        string[] texts = [.. Texts(sim).Select(File.ReadAllText).Order(StringComparer.Ordinal)];
        Assert.Equal(2, texts.Length);
        Assert.StartsWith("To: +14155550100\n\nPedido SMS-1: tu paquete está en reparto hoy. http://localhost:7071/api/track?orderKey=api%3ASMS-1&token=", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("To: +14155550100\n\nPedido SMS-1: tu paquete ha sido entregado. ", texts[1], StringComparison.Ordinal);
        Assert.Contains("&lang=es", texts[1], StringComparison.Ordinal);
        Dictionary<string, string?> ledger = await LedgerAsync(sim, "api:SMS-1");
        Assert.Equal("sent", ledger["sandbox|SBX4SMS000001|outForDelivery|sms"]);
        Assert.Equal("sent", ledger["sandbox|SBX4SMS000001|delivered|sms"]);
        Assert.False(ledger.ContainsKey("sandbox|SBX4SMS000001|shipped|sms"));
        Assert.Equal(3, Directory.GetFiles(sim.OutboxDirectory, "*.eml").Length); // the emails are unchanged
    }

    [Theory]
    [InlineData(null, true, false)]              // no phone: no text, whatever the order asked
    [InlineData("+14155550101", null, false)]   // a phone, texts off by default
    [InlineData("+14155550102", false, false)]  // the order said no (Sms:Enabled would not override it)
    [InlineData("+14155550103", null, true)]    // Sms:Enabled texts every order with a phone
    public async Task TextsGoOnlyToOrdersWithAPhoneAndTextsOn(string? phone, bool? sms, bool merchantEnabled)
    {
        await using var sim = new StateMachineHarness(azurite, s_start, new Dictionary<string, string?>(s_daily) { ["Sms:Enabled"] = merchantEnabled ? "true" : "false" });
        await sim.StartAsync();
        string id = "SMS-2-" + Guid.NewGuid().ToString("N")[..8]; // each case its own order: the cases share one Azurite
        await IngestAsync(sim, id, "SBX4S2" + id[^8..].ToUpperInvariant(), phone, sms);
        await sim.RunUntilAsync(s_start.AddDays(6));

        Assert.Equal(phone is not null && (sms ?? merchantEnabled) ? 2 : 0, Texts(sim).Length);
        Assert.Equal(3, Directory.GetFiles(sim.OutboxDirectory, "*.eml").Length);
    }

    [Fact]
    public async Task ConcurrentAttempts_WhileOneIsSending_OneText_AndAnUnfinishedClaimIsNeverSentAgain()
    {
        var provider = new ScriptedSms();
        await using var sim = new StateMachineHarness(azurite, s_start, null, s => s.AddSingleton<ISmsSender>(provider));
        await sim.StartAsync();
        await SeedDeliveredAsync(sim, "SMS-3", "SBX4SMS000003");
        NotificationSender sender = sim.Get<NotificationSender>();
        var request = new NotificationRequest("api:SMS-3", "sandbox", "SBX4SMS000003", "delivered");

        provider.Hold = new TaskCompletionSource();
        Task<string> first = sender.SendAsync(request, Milestone.Delivered, CancellationToken.None);
        await provider.Entered.Task; // the first attempt is inside the provider call
        string second = await sender.SendAsync(request, Milestone.Delivered, CancellationToken.None);
        provider.Hold.SetResult();
        Assert.EndsWith("sms sent", await first, StringComparison.Ordinal);
        Assert.EndsWith("sms in flight", second, StringComparison.Ordinal);
        Assert.Equal(1, provider.Calls);

        // An attempt that died inside the provider call (the lease runs out with the claim unfinished) may have sent:
        // the next attempt records it as unknown and does not send.
        await SeedDeliveredAsync(sim, "SMS-4", "SBX4SMS000004");
        await sim.Get<NotificationLedgerStore>().ClaimLeasedAsync("api:SMS-4", "sandbox|SBX4SMS000004|delivered|sms", sim.Time.GetUtcNow(), NotificationSender.SmsLease, CancellationToken.None);
        sim.Time.Advance(NotificationSender.SmsLease + TimeSpan.FromSeconds(1));
        string late = await sender.SendAsync(new NotificationRequest("api:SMS-4", "sandbox", "SBX4SMS000004", "delivered"), Milestone.Delivered, CancellationToken.None);
        Assert.EndsWith("sms duplicate", late, StringComparison.Ordinal);
        Assert.Equal("unknown", (await LedgerAsync(sim, "api:SMS-4"))["sandbox|SBX4SMS000004|delivered|sms"]);
        Assert.Equal(1, provider.Calls);
    }

    [Fact]
    public async Task ProviderRefusals_429IsRetriedByTheQueueOnce_APermanentRefusalAndATimeoutAreNotRetried()
    {
        var provider = new ScriptedSms();
        await using var sim = new StateMachineHarness(azurite, s_start, null, s => s.AddSingleton<ISmsSender>(provider));
        await sim.StartAsync();
        NotificationSender sender = sim.Get<NotificationSender>();

        await SeedDeliveredAsync(sim, "SMS-5", "SBX4SMS000005");
        var request = new NotificationRequest("api:SMS-5", "sandbox", "SBX4SMS000005", "delivered");
        provider.Next = new SmsRejectedException("429", 429, 20429, retryable: true);
        await Assert.ThrowsAsync<SmsRejectedException>(() => sender.SendAsync(request, Milestone.Delivered, CancellationToken.None)); // the queue retries
        Assert.EndsWith("sms sent", await sender.SendAsync(request, Milestone.Delivered, CancellationToken.None), StringComparison.Ordinal);
        Assert.EndsWith("sms duplicate", await sender.SendAsync(request, Milestone.Delivered, CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(2, provider.Calls); // the refused attempt and the one that went through

        await SeedDeliveredAsync(sim, "SMS-6", "SBX4SMS000006");
        var opted = new NotificationRequest("api:SMS-6", "sandbox", "SBX4SMS000006", "delivered");
        provider.Next = new SmsRejectedException("opted out", 400, 21610, retryable: false);
        Assert.EndsWith("sms failed", await sender.SendAsync(opted, Milestone.Delivered, CancellationToken.None), StringComparison.Ordinal);
        Assert.EndsWith("sms duplicate", await sender.SendAsync(opted, Milestone.Delivered, CancellationToken.None), StringComparison.Ordinal);

        await SeedDeliveredAsync(sim, "SMS-7", "SBX4SMS000007");
        var timeout = new NotificationRequest("api:SMS-7", "sandbox", "SBX4SMS000007", "delivered");
        provider.Next = new TimeoutException("no answer");
        Assert.EndsWith("sms unknown", await sender.SendAsync(timeout, Milestone.Delivered, CancellationToken.None), StringComparison.Ordinal);
        Assert.EndsWith("sms duplicate", await sender.SendAsync(timeout, Milestone.Delivered, CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(4, provider.Calls);
    }

    private static Task<IngestSummary> IngestAsync(StateMachineHarness sim, string id, string number, string? phone, bool? sms, string locale = "en") =>
        sim.Get<OrderIngestor>().IngestAsync(new OrderEvent
        {
            Source = OrderSources.Api,
            ExternalId = id,
            OrderNumber = id,
            Customer = new CustomerInfo("ana@example.com", "Ana", locale, phone, sms),
            Shipments = [new ShipmentInfo(number, "sandbox")],
        }, CancellationToken.None);

    private static async Task SeedDeliveredAsync(StateMachineHarness sim, string id, string number)
    {
        OrderStore orders = sim.Get<OrderStore>();
        await orders.UpsertOrderAsync(new OrderRecord { OrderKey = $"api:{id}", Source = "api", ExternalId = id, CustomerPhone = "+14155550199", SmsOptIn = true }, CancellationToken.None);
        await orders.TryAddShipmentAsync(new ShipmentRecord
        {
            OrderKey = $"api:{id}", Carrier = "sandbox", TrackingNumber = number, RegisteredAt = s_start,
            Tracking = new ShipmentTracking { Status = TrackingStatus.Delivered, UpdatedAt = s_start },
        }, CancellationToken.None);
    }

    private static string[] Texts(StateMachineHarness sim)
    {
        string folder = Path.Combine(sim.OutboxDirectory, "sms");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.txt") : [];
    }

    private static async Task<Dictionary<string, string?>> LedgerAsync(StateMachineHarness sim, string orderKey) =>
        await sim.Table(TableNames.Notifications).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {orderKey}"))
            .ToDictionaryAsync(r => r.RowKey, r => (string?)r.GetString("State"));

    /// <summary>An SMS provider that counts calls, can be held inside a call, and can fail the next call once.</summary>
    private sealed class ScriptedSms : ISmsSender
    {
        private int _calls;

        public int Calls => _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource? Hold { get; set; }

        public Exception? Next { get; set; }

        public async Task<SmsSendResult> SendAsync(SmsMessage message, string operationId, CancellationToken cancellationToken)
        {
            int call = Interlocked.Increment(ref _calls);
            Entered.TrySetResult();
            if (Hold is { } hold)
            {
                await hold.Task;
                Hold = null;
            }

            if (Next is { } failure)
            {
                Next = null;
                throw failure;
            }

            return new SmsSendResult($"SM{call}");
        }
    }
}
