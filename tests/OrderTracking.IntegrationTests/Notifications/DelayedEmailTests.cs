using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.DevHost;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>
/// <c>SweepShipments</c> end to end: an <c>SBX2…</c> shipment stays in transit after its first scan, so with
/// <c>Notifications:StalledAfter</c> = 4 s it stalls; however often the sweep runs (with polls in between), the
/// customer gets one <c>delayed</c> email for the episode.
/// </summary>
public sealed class DelayedEmailTests(StalledFixture app) : IClassFixture<StalledFixture>
{
    private const string Recipient = "nd-0001@example.com";
    private const string Number = "SBX2NOTEDLY1";

    [Fact]
    public async Task StalledShipment_SweptRepeatedly_ExactlyOneDelayedEmailAndOneDelayedRow()
    {
        using var counter = new InvocationCounter(app.Host);
        string orderKey = await ShipmentRegistration.RegisterAsync(app.Client, "ND-0001", Number, Recipient);
        await NotificationFlow.EmailsAsync(app, Recipient, 1);
        DateTimeOffset lastScan = await Eventually.UntilAsync(
            () => LastEventAtAsync(orderKey), t => t is not null, NotificationFlow.Timeout, "first scan stored") ?? default;
        await Eventually.UntilAsync(
            () => Task.FromResult(DateTimeOffset.UtcNow), now => now > lastScan + StalledFixture.StalledAfter + TimeSpan.FromSeconds(1), NotificationFlow.Timeout, "stall");

        for (int sweep = 0; sweep < 4; sweep++)
        {
            InvocationResult result = await app.Host.InvokeTimerAsync("SweepShipments");
            Assert.True(result.Succeeded, result.Error);
            int polls = counter.Succeeded("PollCarrier");
            await Eventually.UntilAsync(() => Task.FromResult(counter.Succeeded("PollCarrier")), n => n >= polls + 1, NotificationFlow.Timeout, "a poll between sweeps");
        }

        await NotificationFlow.EmailsAsync(app, Recipient, 2);
        await NotificationFlow.SettleAsync(app, counter);

        IReadOnlyList<OutboxEmail> emails = OutboxReader.For(app.OutboxDirectory, Recipient);
        Assert.Equal(["Your order ND-0001 has shipped", "Your order ND-0001 is delayed"], emails.Select(e => e.Subject).Order(StringComparer.Ordinal));

        IReadOnlyList<TableEntity> rows = await NotificationLedgerRows.ForOrderAsync(app.Tables, orderKey);
        Assert.Equal(2, rows.Count);
        TableEntity delayed = Assert.Single(rows, r => r.RowKey.StartsWith($"sandbox|{Number}|delayed-", StringComparison.Ordinal));
        Assert.Equal($"sandbox|{Number}|delayed-s{lastScan.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}", delayed.RowKey);
        Assert.All(rows, r => Assert.Equal("sent", r.GetString("State")));
        Assert.Equal("inTransit", await TrackingClient.StatusAsync(app.Client, orderKey));
    }

    [Fact]
    public async Task StalledShipment_AfterTheSweep_StaysFlaggedDelayedAcrossPolls()
    {
        using var counter = new InvocationCounter(app.Host);
        string orderKey = await ShipmentRegistration.RegisterAsync(app.Client, "ND-0002", "SBX2NOTEDLY2", "nd-0002@example.com");
        DateTimeOffset lastScan = await Eventually.UntilAsync(
            () => LastEventAtAsync(orderKey), t => t is not null, NotificationFlow.Timeout, "first scan stored") ?? default;
        await Eventually.UntilAsync(
            () => Task.FromResult(DateTimeOffset.UtcNow), now => now > lastScan + StalledFixture.StalledAfter + TimeSpan.FromSeconds(1), NotificationFlow.Timeout, "stall");

        Assert.True((await app.Host.InvokeTimerAsync("SweepShipments")).Succeeded);
        Assert.True(await DelayedFlagAsync(orderKey), "the sweep did not flag the stalled shipment");

        // The parcel is still stalled: a poll that brings no new scan must not clear the flag the storefront shows.
        int polls = counter.Succeeded("PollCarrier");
        await Eventually.UntilAsync(() => Task.FromResult(counter.Succeeded("PollCarrier")), n => n >= polls + 3, NotificationFlow.Timeout, "three more polls");
        Assert.Equal("inTransit", await TrackingClient.StatusAsync(app.Client, orderKey));
        Assert.True(await DelayedFlagAsync(orderKey), "a poll without a new scan cleared the delayed flag");
    }

    private async Task<bool> DelayedFlagAsync(string orderKey)
    {
        (System.Net.HttpStatusCode _, System.Text.Json.JsonDocument? body) = await TrackingClient.GetAsync(app.Client, orderKey);
        using (body)
        {
            return body!.RootElement.GetProperty("shipments")[0].GetProperty("delayed").GetBoolean();
        }
    }

    private async Task<DateTimeOffset?> LastEventAtAsync(string orderKey)
    {
        await foreach (TableEntity row in app.Tables.GetTableClient("Orders").QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {orderKey} and RowKey ne {"order"}")))
        {
            return row.GetString("Status") == "inTransit" ? row.GetDateTimeOffset("LastEventAt") : null;
        }

        return null;
    }
}
