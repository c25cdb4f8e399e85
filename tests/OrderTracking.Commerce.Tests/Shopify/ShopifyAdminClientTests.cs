using System.Text.Json.Nodes;
using OrderTracking.Commerce.Shopify;

namespace OrderTracking.Commerce.Tests.Shopify;

public sealed class ShopifyAdminClientTests
{
    [Theory]
    [InlineData(102, 2, 50, 2.0)]     // 100 points short at 50/s
    [InlineData(10, 50, 50, 0.0)]     // already enough
    [InlineData(1000, 0, 50, 10.0)]   // capped
    public void ThrottleWait_IsWhatTheBucketNeedsToRefill(double requested, double available, double restoreRate, double seconds)
    {
        JsonNode cost = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["throttleStatus"] = new JsonObject { ["currentlyAvailable"] = available, ["restoreRate"] = restoreRate, ["maximumAvailable"] = 1000 },
        };

        Assert.Equal(TimeSpan.FromSeconds(seconds), ShopifyAdminClient.ThrottleWait(cost));
    }

    [Fact]
    public void ThrottleWait_WithoutCost_WaitsOneSecond() => Assert.Equal(TimeSpan.FromSeconds(1), ShopifyAdminClient.ThrottleWait(null));

    [Fact]
    public void Endpoint_UsesTheShopAndPinnedVersion_OrTheBaseOverride()
    {
        Assert.Equal(new Uri("https://shop-1.myshopify.com/admin/api/2026-10/graphql.json"), ShopifyAdminClient.Endpoint(new ShopifyOptions { ShopDomain = "shop-1.myshopify.com" }));
        Assert.Equal(new Uri("http://127.0.0.1:5000/admin/api/2026-07/graphql.json"), ShopifyAdminClient.Endpoint(new ShopifyOptions { ShopDomain = "x", ApiVersion = "2026-07", BaseUrl = "http://127.0.0.1:5000/" }));
    }

    [Fact]
    public void IsConfigured_NeedsShopAndToken()
    {
        Assert.False(ShopifyAdminClient.IsConfigured(new ShopifyOptions { ShopDomain = "s.myshopify.com" }));
        Assert.True(ShopifyAdminClient.IsConfigured(new ShopifyOptions { ShopDomain = "s.myshopify.com", AccessToken = "shpat_1" }));
    }
}
