using System.Net;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Webhooks;

/// <summary>Storage unreachable → 503 with Retry-After, never 200 (the platform must retry; issue 4, item 4).</summary>
public sealed class StorageOutageTests(StorageOutageFixture app) : IClassFixture<StorageOutageFixture>
{
    [Fact]
    public async Task Webhooks_StorageStopped_Are503WithRetryAfterNot200()
    {
        using (HttpResponseMessage before = await app.Client.SendAsync(ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(940001, 840001, "SBX1OUTAGE001"))))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await app.StopStorageAsync();

        using HttpResponseMessage shopify = await app.Client.SendAsync(ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(940002, 840002, "SBX1OUTAGE002")));
        using HttpResponseMessage stripe = await app.Client.SendAsync(StripeWebhooks.Request(StripeWebhooks.Event(
            "evt_outage_1", "charge.updated", StripeWebhooks.Charge("ch_Outage0001", "pi_Outage0001", "Sandbox", "SBX1OUTAGE003"))));

        foreach (HttpResponseMessage response in new[] { shopify, stripe })
        {
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        }

        // Bad input is still judged before storage is touched: 401, not 503.
        using HttpResponseMessage forged = await app.Client.SendAsync(ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(940003, 840003, "SBX1OUTAGE004"), secret: "guessed"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }
}
