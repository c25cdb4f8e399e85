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
