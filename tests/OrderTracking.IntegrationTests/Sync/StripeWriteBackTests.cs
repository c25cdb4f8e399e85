using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.IntegrationTests.Webhooks;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Sync;

/// <summary>
/// Issue 11 flow 3 end to end through the DevHost: a Stripe payment (signed <c>charge.succeeded</c>) gets a shipment
/// from the merchant's backend (<c>POST /api/shipments</c> with <c>orderKey</c>) → <c>SyncPlatform</c> writes
/// <c>shipping.carrier</c> / <c>shipping.tracking_number</c> to the charge, re-sending name and address, once.
/// </summary>
public sealed class StripeWriteBackTests(StripeWriteBackFixture app) : IClassFixture<StripeWriteBackFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ShipmentForAStripePayment_IsWrittenToTheChargeOnce_EvenWhenRegisteredTwice()
    {
        (string orderKey, string chargeId) = await StripePaymentAsync("0001");

        await WriteBack.RegisterAsync(app, orderKey, "SBX2WBSTRIPE01");
        string token = await WriteBack.RegisterAsync(app, orderKey, "SBX2WBSTRIPE01");

        TableEntity row = await WriteBack.LedgerAsync(app, orderKey, "stripe|sandbox|SBX2WBSTRIPE01|track", "done");
        await WriteBack.QueueDrainedAsync(app);
        StripeUpdate update = Assert.Single(app.Stripe.Updates, u => u.ChargeId == chargeId);
        Assert.Equal("SBX2WBSTRIPE01", update.TrackingNumber);
        Assert.Equal("sandbox", update.Carrier);
        Assert.Equal("Jonas Weber", update.Name);
        Assert.Equal("Hauptstr. 1", update.AddressLine1);
        Assert.StartsWith("ot-ship-" + chargeId + "-", update.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal(chargeId, row.GetString("PlatformId"));

        using JsonDocument status = await OpsSyncAsync(orderKey, FunctionAppFixture.FunctionKey, HttpStatusCode.OK);
        Assert.Equal("stripe", status.RootElement.GetProperty("writeBackTo")[0].GetString());
        JsonElement stripe = status.RootElement.GetProperty("shipments")[0].GetProperty("platforms")[0];
        Assert.Equal("done", stripe.GetProperty("state").GetString());
        Assert.Equal(chargeId, stripe.GetProperty("platformId").GetString());
        (await OpsSyncAsync(orderKey, functionKey: null, HttpStatusCode.Unauthorized)).Dispose();
        using HttpResponseMessage readApi = await app.Client.GetAsync($"api/tracking/{orderKey}?token={Uri.EscapeDataString(token)}");
        string read = await readApi.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, readApi.StatusCode);
        Assert.Contains("SBX2WBSTRIPE01", read, StringComparison.Ordinal);
        Assert.DoesNotContain(chargeId, read, StringComparison.Ordinal);
        Assert.DoesNotContain("platform", read, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StripeFailingFirst_IsRetriedUntilTheTrackingLandsOnce()
    {
        (string orderKey, string chargeId) = await StripePaymentAsync("0002");
        app.Stripe.FailNextUpdates = 4; // beyond Stripe.net's own two retries: the queue retries the message

        await WriteBack.RegisterAsync(app, orderKey, "SBX2WBSTRIPE02");

        await WriteBack.LedgerAsync(app, orderKey, "stripe|sandbox|SBX2WBSTRIPE02|track", "done");
        await WriteBack.QueueDrainedAsync(app);
        Assert.Equal("SBX2WBSTRIPE02", Assert.Single(app.Stripe.Updates, u => u.ChargeId == chargeId).TrackingNumber);
    }

    [Fact]
    public async Task WorkerKilledBetweenTheStripeCallAndTheLedger_TheRetryFindsTheTrackingAndWritesNothingMore()
    {
        (string orderKey, string chargeId) = await StripePaymentAsync("0004");
        Hold hold = app.Stripe.HoldNextUpdate(chargeId);

        await WriteBack.RegisterAsync(app, orderKey, "SBX2WBSTRIPE04");
        await hold.Applied.Task.WaitAsync(s_timeout); // Stripe has the tracking; the worker is waiting for the answer
        await app.Host.KillHandlerAsync();
        hold.Release();

        await WriteBack.LedgerAsync(app, orderKey, "stripe|sandbox|SBX2WBSTRIPE04|track", "done"); // after the queue's visibility timeout
        await WriteBack.QueueDrainedAsync(app);
        Assert.Equal("SBX2WBSTRIPE04", Assert.Single(app.Stripe.Updates, u => u.ChargeId == chargeId).TrackingNumber);
    }

    [Fact]
    public async Task ChargeWithoutNameAndAddress_IsRecordedFailedWithTheReason_AndNotRetried()
    {
        (string orderKey, string chargeId) = await StripePaymentAsync("0003", bare: true);

        await WriteBack.RegisterAsync(app, orderKey, "SBX2WBSTRIPE03");

        TableEntity row = await WriteBack.LedgerAsync(app, orderKey, "stripe|sandbox|SBX2WBSTRIPE03|track", "failed");
        await WriteBack.QueueDrainedAsync(app);
        Assert.Contains("name and address", row.GetString("Reason"), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Stripe.Updates, u => u.ChargeId == chargeId);
        Assert.DoesNotContain(await app.Queues.GetQueueClient("platform-sync-poison").ExistsAndPeekAsync(), m => m.MessageText.Contains(orderKey, StringComparison.Ordinal));
    }

    private async Task<(string OrderKey, string ChargeId)> StripePaymentAsync(string n, bool bare = false)
    {
        string pi = "pi_3WBStripe" + n;
        string ch = "ch_3WBStripe" + n;
        if (bare)
        {
            app.Stripe.AddBareCharge(ch, pi);
        }
        else
        {
            app.Stripe.AddCharge(ch, pi);
        }

        var charge = StripeWebhooks.Charge(ch, pi, carrier: null, trackingNumbers: null);
        using HttpResponseMessage ack = await app.Client.SendAsync(StripeWebhooks.Request(StripeWebhooks.Event("evt_wb_" + n, "charge.succeeded", charge)));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        string orderKey = "stripe:" + pi;
        await Eventually.UntilAsync(() => WebhookStore.OrderRowAsync(app, orderKey), r => r?.GetString("References")?.Contains(ch, StringComparison.Ordinal) == true, s_timeout, "order row with the charge id");
        return (orderKey, ch);
    }

    private async Task<JsonDocument> OpsSyncAsync(string orderKey, string? functionKey, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/ops/sync/{orderKey}");
        if (functionKey is not null)
        {
            request.Headers.Add("x-functions-key", functionKey);
        }

        using HttpResponseMessage response = await app.Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"ops/sync: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(response.IsSuccessStatusCode ? text : "{}");
    }
}
