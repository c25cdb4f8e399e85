using System.Net;
using Azure.Data.Tables;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.IntegrationTests.Webhooks;

namespace OrderTracking.IntegrationTests.Sync;

/// <summary>The function app with Shopify and PayPal write-back on, against both stubs.</summary>
public sealed class ShopifyPayPalFixture : FunctionAppFixture, IAsyncLifetime
{
    private ShopifyAdminStub? _shopify;
    private PayPalApiStub? _payPal;

    internal ShopifyAdminStub Shopify => _shopify ?? throw new InvalidOperationException("not started");

    internal PayPalApiStub PayPal => _payPal ?? throw new InvalidOperationException("not started");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Shopify:ShopDomain"] = "integration-shop.myshopify.com",
        ["Shopify:AccessToken"] = ShopifyAdminStub.AccessToken,
        ["Shopify:ApiVersion"] = ShopifyAdminStub.ApiVersion,
        ["Shopify:BaseUrl"] = Shopify.BaseAddress.AbsoluteUri,
        ["PayPal:ClientId"] = PayPalApiStub.ClientId,
        ["PayPal:ClientSecret"] = PayPalApiStub.ClientSecret,
        ["PayPal:BaseUrl"] = PayPal.BaseAddress.AbsoluteUri,
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        _shopify = await ShopifyAdminStub.StartAsync();
        _payPal = await PayPalApiStub.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await (_shopify?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (_payPal?.DisposeAsync() ?? ValueTask.CompletedTask);
    }
}

/// <summary>
/// Issue 11 flow 2 end to end: a Shopify order paid through PayPal gets a Shopify fulfillment with tracking → the
/// PayPal capture behind it (from the order's transactions) gets one tracker through the legacy trackers-batch API,
/// however often the fulfillment webhook arrives; an order paid otherwise gets none.
/// </summary>
public sealed class ShopifyPayPalWriteBackTests(ShopifyPayPalFixture app) : IClassFixture<ShopifyPayPalFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ShopifyFulfillmentOfAPayPalOrder_PutsOneTrackerOnThePayPalCapture()
    {
        const long order = 940001;
        await OrderAsync(order, "8MC58520SHOPPP01", ["paypal"]);

        await FulfillAsync(order, 840001, "SBX2WBSPP01");
        await FulfillAsync(order, 840001, "SBX2WBSPP01");

        TableEntity row = await WriteBack.LedgerAsync(app, "shopify:940001", "paypal|sandbox|SBX2WBSPP01|track", "done");
        await WriteBack.LedgerAsync(app, "shopify:940001", "shopify|sandbox|SBX2WBSPP01|track", "done");
        await WriteBack.QueueDrainedAsync(app);
        PayPalTracker tracker = Assert.Single(app.PayPal.LegacyTrackers, t => t.TrackingNumber == "SBX2WBSPP01");
        Assert.Equal("8MC58520SHOPPP01", tracker.CaptureId); // the capture, not the authorization before it
        Assert.Equal("OTHER", tracker.Carrier);
        Assert.Equal("sandbox", tracker.CarrierNameOther);
        Assert.Equal("8MC58520SHOPPP01-SBX2WBSPP01", row.GetString("PlatformId"));
        Assert.DoesNotContain(app.Shopify.Created, c => c.OrderGid == "gid://shopify/Order/940001"); // Shopify already has it
    }

    [Fact]
    public async Task ShopifyOrderPaidOtherwise_GetsNoPayPalTracker()
    {
        const long order = 940002;
        await OrderAsync(order, payPalTransaction: null, ["shopify_payments"]);

        await FulfillAsync(order, 840002, "SBX2WBSPP02");

        await WriteBack.LedgerAsync(app, "shopify:940002", "shopify|sandbox|SBX2WBSPP02|track", "done");
        await WriteBack.QueueDrainedAsync(app);
        Assert.Null(await app.Tables.GetTableClient("PlatformSync").GetEntityIfExistsAsync<TableEntity>("shopify:940002", "paypal|sandbox|SBX2WBSPP02|track") is { HasValue: true } r ? r.Value : null);
        Assert.DoesNotContain(app.PayPal.LegacyTrackers, t => t.TrackingNumber == "SBX2WBSPP02");
    }

    [Fact]
    public async Task CancelledShopifyFulfillment_CancelsThePayPalTracker()
    {
        const long order = 940003;
        await OrderAsync(order, "8MC58520SHOPPP03", ["paypal"]);
        await FulfillAsync(order, 840003, "SBX2WBSPP03");
        await WriteBack.LedgerAsync(app, "shopify:940003", "paypal|sandbox|SBX2WBSPP03|track", "done");

        using (HttpResponseMessage ack = await app.Client.SendAsync(ShopifyWebhooks.Request(
            ShopifyOrderWebhooks.FulfillmentUpdated(order, 840003, ["SBX2WBSPP03"], status: "cancelled"), topic: "fulfillments/update")))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        TableEntity row = await WriteBack.LedgerAsync(app, "shopify:940003", "paypal|sandbox|SBX2WBSPP03|cancel", "done");
        await WriteBack.QueueDrainedAsync(app);
        Assert.Equal("8MC58520SHOPPP03-SBX2WBSPP03", row.GetString("PlatformId"));
        Assert.Single(app.PayPal.Cancelled, id => id == "8MC58520SHOPPP03-SBX2WBSPP03");
        Assert.Equal("cancelled", (await WebhookStore.ShipmentRowAsync(app, "shopify:940003", "sandbox", "SBX2WBSPP03"))?.GetString("Status"));
    }

    [Fact]
    public async Task PayPalDown_ShopifyIsStillWritten_AndPayPalIsRetriedUntilThePoisonQueue()
    {
        const long order = 940004;
        await OrderAsync(order, "8MC58520SHOPPP04", ["paypal"]);
        app.PayPal.FailNextBatches = 1000;
        try
        {
            await WriteBack.RegisterAsync(app, "shopify:940004", "SBX2WBSPP04"); // a 3PL's tracking: Shopify and PayPal both to write

            TableEntity shopify = await WriteBack.LedgerAsync(app, "shopify:940004", "shopify|sandbox|SBX2WBSPP04|track", "done");
            await Eventually.UntilAsync(
                async () => (await app.Queues.GetQueueClient("platform-sync-poison").ExistsAndPeekAsync()).Count, n => n > 0, s_timeout, "the PayPal write-back in platform-sync-poison");
            Assert.Single(app.Shopify.Created, c => c.OrderGid == "gid://shopify/Order/940004"); // written once, not again on each PayPal retry
            Assert.Equal("pending", (await app.Tables.GetTableClient("PlatformSync").GetEntityAsync<TableEntity>("shopify:940004", "paypal|sandbox|SBX2WBSPP04|track")).Value.GetString("State"));
            Assert.DoesNotContain(app.PayPal.LegacyTrackers, t => t.TrackingNumber == "SBX2WBSPP04");
            Assert.NotNull(shopify.GetString("PlatformId"));
        }
        finally
        {
            app.PayPal.FailNextBatches = 0;
        }
    }

    private async Task OrderAsync(long order, string? payPalTransaction, string[] gateways)
    {
        app.Shopify.AddOrder(order, payPalTransaction);
        using (HttpResponseMessage ack = await app.Client.SendAsync(ShopifyWebhooks.Request(ShopifyOrderWebhooks.OrderCreated(order, gateways: gateways), topic: "orders/create")))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        await Eventually.UntilAsync(() => WebhookStore.OrderRowAsync(app, $"shopify:{order}"), r => r?.GetString("References")?.Contains("shopifyPaymentGateways", StringComparison.Ordinal) == true, s_timeout, "Shopify order row with its gateways");
    }

    private async Task FulfillAsync(long order, long fulfillment, string number)
    {
        using HttpResponseMessage ack = await app.Client.SendAsync(ShopifyWebhooks.Request(ShopifyOrderWebhooks.FulfillmentUpdated(order, fulfillment, [number]), topic: "fulfillments/create"));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
    }
}
