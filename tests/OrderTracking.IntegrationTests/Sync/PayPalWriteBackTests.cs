using System.Net;
using Azure.Data.Tables;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.IntegrationTests.Webhooks;

namespace OrderTracking.IntegrationTests.Sync;

/// <summary>
/// Issue 11 flow 1 end to end through the DevHost: a PayPal order (signed <c>PAYMENT.CAPTURE.COMPLETED</c>, verified
/// through the stub's API) gets a shipment from the merchant's backend → <c>POST /v2/checkout/orders/{id}/track</c>
/// with the capture id, once; PayPal's 422 for a capture it will not track is recorded, not retried.
/// </summary>
public sealed class PayPalWriteBackTests(CommerceFixture app) : IClassFixture<CommerceFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ShipmentForACapturedPayPalOrder_GetsOneTrackerOnTheCapture()
    {
        (string orderKey, string orderId, string captureId) = await CapturedOrderAsync("1WB0001", "9WB00001CAPTURE1");

        await WriteBack.RegisterAsync(app, orderKey, "SBX2WBPAYPAL01");
        await WriteBack.RegisterAsync(app, orderKey, "SBX2WBPAYPAL01");

        TableEntity row = await WriteBack.LedgerAsync(app, orderKey, "paypal|sandbox|SBX2WBPAYPAL01|track", "done");
        await WriteBack.QueueDrainedAsync(app);
        PayPalTracker tracker = Assert.Single(app.PayPal.Trackers, t => t.OrderId == orderId);
        Assert.Equal(captureId, tracker.CaptureId);
        Assert.Equal("SBX2WBPAYPAL01", tracker.TrackingNumber);
        Assert.Equal("OTHER", tracker.Carrier);
        Assert.Equal("sandbox", tracker.CarrierNameOther);
        Assert.StartsWith("ot-trk-" + orderId + "-", tracker.RequestId, StringComparison.Ordinal);
        Assert.Equal(captureId + "-SBX2WBPAYPAL01", row.GetString("PlatformId"));
    }

    [Fact]
    public async Task CapturePayPalWillNotTrack_IsRecordedFailedWithPayPalsIssue()
    {
        (string orderKey, string orderId, string captureId) = await CapturedOrderAsync("1WB0002", "9WB00002CAPTURE2");
        app.PayPal.InvalidCaptures[captureId] = true;

        await WriteBack.RegisterAsync(app, orderKey, "SBX2WBPAYPAL02");

        TableEntity row = await WriteBack.LedgerAsync(app, orderKey, "paypal|sandbox|SBX2WBPAYPAL02|track", "failed");
        await WriteBack.QueueDrainedAsync(app);
        Assert.Contains("CAPTURE_STATUS_NOT_VALID", row.GetString("Reason"), StringComparison.Ordinal);
        Assert.DoesNotContain(app.PayPal.Trackers, t => t.OrderId == orderId);
    }

    [Fact]
    public async Task CorrectedLabel_CancelsTheOldTracker_AndTracksTheNewNumber()
    {
        (string orderKey, string orderId, string captureId) = await CapturedOrderAsync("1WB0003", "9WB00003CAPTURE3");
        await WriteBack.RegisterAsync(app, orderKey, "SBX2WBPPOLD03");
        await WriteBack.LedgerAsync(app, orderKey, "paypal|sandbox|SBX2WBPPOLD03|track", "done");

        await WriteBack.ReplaceAsync(app, orderKey, "SBX2WBPPNEW03", replaces: "SBX2WBPPOLD03");
        await WriteBack.ReplaceAsync(app, orderKey, "SBX2WBPPNEW03", replaces: "SBX2WBPPOLD03");

        TableEntity cancel = await WriteBack.LedgerAsync(app, orderKey, "paypal|sandbox|SBX2WBPPOLD03|cancel", "done");
        await WriteBack.LedgerAsync(app, orderKey, "paypal|sandbox|SBX2WBPPNEW03|track", "done");
        await WriteBack.QueueDrainedAsync(app);
        Assert.Equal(captureId + "-SBX2WBPPOLD03", cancel.GetString("PlatformId"));
        Assert.Single(app.PayPal.Cancelled, id => id == captureId + "-SBX2WBPPOLD03");
        Assert.Equal(["SBX2WBPPNEW03", "SBX2WBPPOLD03"], app.PayPal.Trackers.Where(t => t.OrderId == orderId).Select(t => t.TrackingNumber).Order(StringComparer.Ordinal));
        Assert.Equal("cancelled", (await WebhookStore.ShipmentRowAsync(app, orderKey, "sandbox", "SBX2WBPPOLD03"))?.GetString("Status"));
        (_, System.Text.Json.JsonDocument? read) = await TrackingClient.GetAsync(app.Client, orderKey);
        using (read)
        {
            // The customer sees the corrected label only: the wrong one was a mistake, not a cancelled parcel.
            Assert.Equal(["SBX2WBPPNEW03"], read!.RootElement.GetProperty("shipments").EnumerateArray().Select(s => s.GetProperty("trackingNumber").GetString()));
        }
    }

    [Fact]
    public async Task CancelledShipment_CancelsItsTracker_AndOneNeverTrackedCancelsNothing()
    {
        (string orderKey, string orderId, string captureId) = await CapturedOrderAsync("1WB0004", "9WB00004CAPTURE4");
        await WriteBack.RegisterAsync(app, orderKey, "SBX2WBPPCAN04");
        await WriteBack.LedgerAsync(app, orderKey, "paypal|sandbox|SBX2WBPPCAN04|track", "done");

        await WriteBack.CancelAsync(app, orderKey, "SBX2WBPPCAN04");
        await WriteBack.CancelAsync(app, orderKey, "SBX2WBPPNONE4"); // never registered: nothing to cancel, still a 200

        await WriteBack.LedgerAsync(app, orderKey, "paypal|sandbox|SBX2WBPPCAN04|cancel", "done");
        await WriteBack.QueueDrainedAsync(app);
        Assert.Single(app.PayPal.Cancelled, id => id == captureId + "-SBX2WBPPCAN04");
        Assert.Single(app.PayPal.Trackers, t => t.OrderId == orderId);
    }

    private async Task<(string OrderKey, string OrderId, string CaptureId)> CapturedOrderAsync(string n, string captureId)
    {
        string orderId = "5O19" + n + "TN3647";
        app.PayPal.AddOrder(orderId, PayPalWebhooks.Order(orderId, captureId, "buyer@example.com"));
        app.PayPal.ExpectTransmission("wb-tx-" + n, "WH-WB-CAPTURE-" + n);
        using (HttpResponseMessage ack = await app.Client.SendAsync(PayPalWebhooks.Request(PayPalWebhooks.CaptureCompleted("WH-WB-CAPTURE-" + n, orderId, captureId), "wb-tx-" + n)))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        string orderKey = "paypal:" + orderId;
        await Eventually.UntilAsync(() => WebhookStore.OrderRowAsync(app, orderKey), r => r?.GetString("References")?.Contains(captureId, StringComparison.Ordinal) == true, s_timeout, "order row with the capture id");
        return (orderKey, orderId, captureId);
    }
}
