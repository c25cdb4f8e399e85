using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Webhooks;

/// <summary>
/// One real event sequence per platform through the DevHost, the handler, Azurite and the sandbox carrier, read back
/// through <c>GET /api/tracking/{orderKey}</c> (issue 4, item 5).
/// </summary>
public sealed class EndToEndTests(CommerceFixture app) : IClassFixture<CommerceFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Shopify_OrderCreatedThenFulfillmentUpdated_ShowsBothShipmentsProgressing()
    {
        const long order = 920001;
        await AckAsync(ShopifyWebhooks.Request(ShopifyOrderWebhooks.OrderCreated(order), topic: "orders/create"));
        await Eventually.UntilAsync(() => WebhookStore.OrderRowAsync(app, "shopify:920001"), r => r is not null, s_timeout, "order row");
        Assert.Empty((await TrackingClient.GetAsync(app.Client, "shopify:920001")).Body!.RootElement.GetProperty("shipments").EnumerateArray());

        await AckAsync(ShopifyWebhooks.Request(ShopifyOrderWebhooks.FulfillmentUpdated(order, 820001, ["SBX3E2ESHOP01", "SBX2E2ESHOP02"]), topic: "fulfillments/update"));

        JsonElement[] shipments = await WaitForShipmentsAsync("shopify:920001", 2, s => s.Any(x => x.GetProperty("status").GetString() == "outForDelivery"));
        Assert.Equal(["SBX2E2ESHOP02", "SBX3E2ESHOP01"], shipments.Select(s => s.GetProperty("trackingNumber").GetString()).Order(StringComparer.Ordinal));
        Assert.All(shipments, s => Assert.Equal("sandbox", s.GetProperty("carrier").GetString()));

        TableEntity row = (await WebhookStore.OrderRowAsync(app, "shopify:920001"))!;
        Assert.Equal("#20001", row.GetString("OrderNumber"));
        Assert.Equal("maria@example.com", row.GetString("CustomerEmail"));
        Assert.Equal("es", row.GetString("Locale"));
    }

    [Fact]
    public async Task Shopify_FulfillmentBeforeOrder_EndsInOneOrderWithItsShipment()
    {
        const long order = 920002;
        await AckAsync(ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(order, 820002, "SBX4E2EEARLY1", email: "maria@example.com")));
        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, "shopify:920002"), s => s is not null, s_timeout, "shipment from the early fulfillment");

        await AckAsync(ShopifyWebhooks.Request(ShopifyOrderWebhooks.OrderCreated(order, locale: "ca"), topic: "orders/create"));
        await Eventually.UntilAsync(() => WebhookStore.OrderRowAsync(app, "shopify:920002"), r => r?.GetString("Locale") == "ca", s_timeout, "late order merged");
        // The fulfillment again (Shopify retries, or an update): still one shipment.
        await AckAsync(ShopifyWebhooks.Request(ShopifyOrderWebhooks.FulfillmentUpdated(order, 820002, ["SBX4E2EEARLY1"], shipmentStatus: "confirmed"), topic: "fulfillments/update"));

        JsonElement[] shipments = await WaitForShipmentsAsync("shopify:920002", 1, s => s[0].GetProperty("status").GetString() == "delivered");
        Assert.Equal("SBX4E2EEARLY1", shipments[0].GetProperty("trackingNumber").GetString());
        Assert.Single(await WebhookStore.QueryAsync(app, "Orders", "PartitionKey eq 'shopify:920002' and RowKey ne 'order'"));
        TableEntity row = (await WebhookStore.OrderRowAsync(app, "shopify:920002"))!;
        Assert.Equal("#20002", row.GetString("OrderNumber"));
        Assert.Contains("gid://shopify/Fulfillment/820002", row.GetString("References"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stripe_CheckoutThenChargeUpdated_CommaSeparatedNumbersBecomeTwoShipments()
    {
        const string pi = "pi_3E2EStripe0001";
        await AckAsync(StripeWebhooks.Request(StripeWebhooks.Event("evt_e2e_cs_0001", "checkout.session.completed", StripeWebhooks.CheckoutSession("cs_test_e2e0001", pi, "jonas@example.com"))));
        await Eventually.UntilAsync(() => WebhookStore.OrderRowAsync(app, "stripe:" + pi), r => r is not null, s_timeout, "order from checkout");

        await AckAsync(StripeWebhooks.Request(StripeWebhooks.Event("evt_e2e_ch_0001", "charge.updated", StripeWebhooks.Charge("ch_3E2EStripe0001", pi, "Sandbox", "SBX2E2ESTRP01, SBX4E2ESTRP02"))));

        JsonElement[] shipments = await WaitForShipmentsAsync("stripe:" + pi, 2, s => s.Any(x => x.GetProperty("status").GetString() == "delivered"));
        Assert.Equal(["SBX2E2ESTRP01", "SBX4E2ESTRP02"], shipments.Select(s => s.GetProperty("trackingNumber").GetString()).Order(StringComparer.Ordinal));
        TableEntity row = (await WebhookStore.OrderRowAsync(app, "stripe:" + pi))!;
        Assert.Equal("jonas@example.com", row.GetString("CustomerEmail"));
        Assert.Equal("de", row.GetString("Locale"));
        Assert.Contains("ch_3E2EStripe0001", row.GetString("References"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayPal_CaptureCompleted_VerifiedByApiAndCompletedFromTheOrdersApi()
    {
        const string orderId = "5O190127TN364715T";
        app.PayPal.AddOrder(orderId, PayPalWebhooks.Order(orderId, "8MC585209K746392H", "buyer@example.com"));
        app.PayPal.ExpectTransmission("e2e-tx-0001", "WH-E2E-CAPTURE-0001");

        await AckAsync(PayPalWebhooks.Request(PayPalWebhooks.CaptureCompleted("WH-E2E-CAPTURE-0001", orderId, "8MC585209K746392H"), "e2e-tx-0001"));

        TableEntity row = (await Eventually.UntilAsync(() => WebhookStore.OrderRowAsync(app, "paypal:" + orderId), r => r is not null, s_timeout, "PayPal order row"))!;
        Assert.Equal("buyer@example.com", row.GetString("CustomerEmail"));
        Assert.Equal("John Doe", row.GetString("CustomerName"));
        Assert.Contains("8MC585209K746392H", row.GetString("References"), StringComparison.Ordinal);

        // PayPal sends no tracking (reference §6): the read API knows the order, with no shipments and no PII.
        (HttpStatusCode status, JsonDocument? body) = await TrackingClient.GetAsync(app.Client, "paypal:" + orderId);
        using (body)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Empty(body!.RootElement.GetProperty("shipments").EnumerateArray());
            Assert.DoesNotContain("buyer@example.com", body.RootElement.GetRawText(), StringComparison.Ordinal);
        }
    }

    private async Task AckAsync(HttpRequestMessage request)
    {
        using (request)
        using (HttpResponseMessage response = await app.Client.SendAsync(request))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.Contains("accepted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>Waits until the read API shows <paramref name="count"/> shipments satisfying <paramref name="done"/>, and returns them.</summary>
    private async Task<JsonElement[]> WaitForShipmentsAsync(string orderKey, int count, Func<JsonElement[], bool> done)
    {
        string? last = await Eventually.UntilAsync(
            async () => (await TrackingClient.GetAsync(app.Client, orderKey)).Body?.RootElement.GetRawText(),
            json => json is not null && Shipments(json) is { } s && s.Length == count && done(s),
            s_timeout,
            $"{count} shipment(s) of {orderKey}");
        JsonElement[] shipments = Shipments(last!);

        // Status progressed through the sandbox carrier: the newest event first, earlier steps kept.
        Assert.All(shipments, s => Assert.NotEqual("notFound", s.GetProperty("status").GetString()));
        Assert.Contains(shipments, s => s.GetProperty("events").GetArrayLength() >= 2);
        return shipments;
    }

    private static JsonElement[] Shipments(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("shipments").EnumerateArray().Select(e => e.Clone())];
    }
}
