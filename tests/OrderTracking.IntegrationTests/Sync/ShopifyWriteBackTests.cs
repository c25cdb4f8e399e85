using System.Net;
using Azure.Data.Tables;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.IntegrationTests.Webhooks;

namespace OrderTracking.IntegrationTests.Sync;

/// <summary>The function app with Shopify write-back on, against <see cref="ShopifyAdminStub"/>.</summary>
public sealed class ShopifyWriteBackFixture : FunctionAppFixture, IAsyncLifetime
{
    private ShopifyAdminStub? _shopify;

    internal ShopifyAdminStub Shopify => _shopify ?? throw new InvalidOperationException("not started");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Shopify:ShopDomain"] = "integration-shop.myshopify.com",
        ["Shopify:AccessToken"] = ShopifyAdminStub.AccessToken,
        ["Shopify:ApiVersion"] = ShopifyAdminStub.ApiVersion,
        ["Shopify:BaseUrl"] = Shopify.BaseAddress.AbsoluteUri,
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        _shopify = await ShopifyAdminStub.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_shopify is not null)
        {
            await _shopify.DisposeAsync();
        }
    }
}

/// <summary>
/// Issue 11 flow 4 end to end through the DevHost: a Shopify order (signed <c>orders/create</c>) whose tracking comes
/// from elsewhere (<c>POST /api/shipments</c> with its <c>orderKey</c>) gets one <c>fulfillmentCreate</c> with the
/// tracking, even when registered twice and when Shopify's cost bucket is empty at first; tracking Shopify itself sent
/// costs no call.
/// </summary>
public sealed class ShopifyWriteBackTests(ShopifyWriteBackFixture app) : IClassFixture<ShopifyWriteBackFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TrackingFromA3pl_BecomesOneShopifyFulfillment_ThroughDuplicatesAndThrottling()
    {
        const long order = 930001;
        await ShopifyOrderAsync(order);
        app.Shopify.ThrottleNext = 2;

        await WriteBack.RegisterAsync(app, "shopify:930001", "SBX2WBSHOP01");
        await WriteBack.RegisterAsync(app, "shopify:930001", "SBX2WBSHOP01");

        TableEntity row = await WriteBack.LedgerAsync(app, "shopify:930001", "shopify|sandbox|SBX2WBSHOP01|track", "done");
        await WriteBack.QueueDrainedAsync(app);
        var created = Assert.Single(app.Shopify.Created, c => c.OrderGid == "gid://shopify/Order/930001");
        Assert.Equal("SBX2WBSHOP01", created.Number);
        Assert.Equal("sandbox", created.Company);
        Assert.Equal(created.FulfillmentGid, row.GetString("PlatformId"));
    }

    [Fact]
    public async Task CarrierMilestones_BecomeOneShopifyFulfillmentEventEach()
    {
        const long order = 930003;
        await ShopifyOrderAsync(order);

        await WriteBack.RegisterAsync(app, "shopify:930003", "SBX4WBSHOP03"); // sandbox: in transit, out for delivery, delivered

        TableEntity track = await WriteBack.LedgerAsync(app, "shopify:930003", "shopify|sandbox|SBX4WBSHOP03|track", "done");
        string fulfillment = track.GetString("PlatformId")!;
        await WriteBack.LedgerAsync(app, "shopify:930003", "shopify|sandbox|SBX4WBSHOP03|event-delivered", "done");
        await WriteBack.QueueDrainedAsync(app);
        Assert.Equal(
            ["DELIVERED", "IN_TRANSIT", "OUT_FOR_DELIVERY"],
            app.Shopify.Events.Where(e => e.FulfillmentGid == fulfillment).Select(e => e.Status).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TrackingShopifySent_IsNotWrittenBack()
    {
        const long order = 930002;
        await ShopifyOrderAsync(order);

        using (HttpResponseMessage ack = await app.Client.SendAsync(ShopifyWebhooks.Request(
            ShopifyOrderWebhooks.FulfillmentUpdated(order, 830002, ["SBX2WBSHOP02"]), topic: "fulfillments/create")))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        TableEntity row = await WriteBack.LedgerAsync(app, "shopify:930002", "shopify|sandbox|SBX2WBSHOP02|track", "done");
        Assert.Equal("gid://shopify/Fulfillment/830002", row.GetString("PlatformId"));
        Assert.DoesNotContain(app.Shopify.Created, c => c.OrderGid == "gid://shopify/Order/930002");
        // Neither a second fulfillment nor a tracking update of Shopify's own (the stub's spent points are shared with the
        // other orders' journeys still polling in the background, so they are not this order's measure).
        Assert.DoesNotContain(app.Shopify.TrackingUpdates, u => u.FulfillmentGid == "gid://shopify/Fulfillment/830002");
    }

    [Fact]
    public async Task CorrectedLabel_UpdatesTheFulfillmentsTracking_InsteadOfASecondFulfillment()
    {
        const long order = 930004;
        await ShopifyOrderAsync(order);
        await WriteBack.RegisterAsync(app, "shopify:930004", "SBX2WBSHOLD04");
        string fulfillment = (await WriteBack.LedgerAsync(app, "shopify:930004", "shopify|sandbox|SBX2WBSHOLD04|track", "done")).GetString("PlatformId")!;

        await WriteBack.ReplaceAsync(app, "shopify:930004", "SBX2WBSHNEW04", replaces: "SBX2WBSHOLD04");
        await WriteBack.ReplaceAsync(app, "shopify:930004", "SBX2WBSHNEW04", replaces: "SBX2WBSHOLD04");

        TableEntity row = await WriteBack.LedgerAsync(app, "shopify:930004", "shopify|sandbox|SBX2WBSHNEW04|track", "done");
        await WriteBack.QueueDrainedAsync(app);
        Assert.Equal(fulfillment, row.GetString("PlatformId"));
        Assert.Single(app.Shopify.Created, c => c.OrderGid == "gid://shopify/Order/930004");
        (string _, string[] numbers) = Assert.Single(app.Shopify.TrackingUpdates, u => u.FulfillmentGid == fulfillment);
        Assert.Equal(["SBX2WBSHNEW04"], numbers);
    }

    private async Task ShopifyOrderAsync(long order)
    {
        app.Shopify.AddOrder(order);
        using (HttpResponseMessage ack = await app.Client.SendAsync(ShopifyWebhooks.Request(ShopifyOrderWebhooks.OrderCreated(order), topic: "orders/create")))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        await Eventually.UntilAsync(() => WebhookStore.OrderRowAsync(app, $"shopify:{order}"), r => r is not null, s_timeout, "Shopify order row");
    }
}
