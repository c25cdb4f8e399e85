using System.Text;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Core.Orders;

namespace OrderTracking.Commerce.Tests.Shopify;

public sealed class ShopifyEventParserTests
{
    private const string WebhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";

    [Fact]
    public void Parse_OrdersCreate_UpsertWithCustomerAndReferences()
    {
        WebhookParseResult result = ShopifyEventParser.Parse("orders/create", WebhookId, Fixture.Bytes("shopify/orders-create.json"));

        Assert.Equal(WebhookParseOutcome.Parsed, result.Outcome);
        Assert.Equal("orders/create", result.EventType);
        Assert.Equal(WebhookId, result.EventId);
        OrderEvent e = Assert.IsType<OrderEvent>(result.Event);
        Assert.Equal("shopify:450789469", e.OrderKey);
        Assert.Equal(OrderEventKind.Upsert, e.Kind);
        Assert.Equal(WebhookId, e.EventId);
        Assert.Equal("#1001", e.OrderNumber);
        Assert.Equal(new CustomerInfo("ana.garcia@example.com", "Ana García", "es", "+34600000000"), e.Customer); // shipping_address.phone, compacted
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:15:02-05:00"), e.OccurredAt);
        Assert.Equal("gid://shopify/Order/450789469", e.References[PlatformReferenceKeys.ShopifyOrderGid]);
        Assert.Empty(e.Shipments);
    }

    [Fact]
    public void Parse_OrdersCancelled_KindCancelledAtCancelTime()
    {
        WebhookParseResult result = ShopifyEventParser.Parse("orders/cancelled", WebhookId, Fixture.Bytes("shopify/orders-cancelled.json"));

        OrderEvent e = Assert.IsType<OrderEvent>(result.Event);
        Assert.Equal(OrderEventKind.Cancelled, e.Kind);
        Assert.Equal("shopify:450789469", e.OrderKey);
        Assert.Equal(DateTimeOffset.Parse("2026-11-21T08:00:00-05:00"), e.OccurredAt);
    }

    [Fact]
    public void Parse_FulfillmentsCreate_OneUpsShipmentWithGid()
    {
        WebhookParseResult result = ShopifyEventParser.Parse("fulfillments/create", WebhookId, Fixture.Bytes("shopify/fulfillments-create.json"));

        Assert.Equal(WebhookParseOutcome.Parsed, result.Outcome);
        OrderEvent e = Assert.IsType<OrderEvent>(result.Event);
        Assert.Equal("shopify:450789469", e.OrderKey);
        Assert.Equal("#1001", e.OrderNumber);
        Assert.Equal("ana.garcia@example.com", e.Customer?.Email);
        Assert.Equal("Ana García", e.Customer?.Name);
        Assert.Equal("gid://shopify/Fulfillment/255858046", e.References[PlatformReferenceKeys.ShopifyFulfillmentGid]);
        Assert.Equal("gid://shopify/Order/450789469", e.References[PlatformReferenceKeys.ShopifyOrderGid]);
        Assert.Equal("success", e.References[ShopifyReferenceKeys.FulfillmentStatus]);
        Assert.False(e.References.ContainsKey(ShopifyReferenceKeys.ShipmentStatus));
        ShipmentInfo s = Assert.Single(e.Shipments);
        Assert.Equal("1Z999AA10123456784", s.TrackingNumber);
        Assert.Equal("UPS", s.CarrierName);
        Assert.Equal("https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z999AA10123456784", s.TrackingUrl);
        Assert.Equal("gid://shopify/Fulfillment/255858046", s.PlatformShipmentId);
    }

    [Fact]
    public void Parse_FulfillmentsUpdate_TwoNumbersPairedWithUrlsAndShipmentStatus()
    {
        WebhookParseResult result = ShopifyEventParser.Parse("fulfillments/update", "wh-2", Fixture.Bytes("shopify/fulfillments-update.json"));

        OrderEvent e = Assert.IsType<OrderEvent>(result.Event);
        Assert.Equal("in_transit", e.References[ShopifyReferenceKeys.ShipmentStatus]);
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T07:45:00-05:00"), e.OccurredAt);
        Assert.Collection(
            e.Shipments,
            s => Assert.Equal(new ShipmentInfo("1234567890", "DHL Express", "https://www.dhl.com/en/express/tracking.html?AWB=1234567890", "gid://shopify/Fulfillment/255858046"), s),
            s => Assert.Equal(new ShipmentInfo("JD014600006281230704", "DHL Express", "https://www.dhl.com/en/express/tracking.html?AWB=JD014600006281230704", "gid://shopify/Fulfillment/255858046"), s));
    }

    [Fact]
    public void Parse_FulfillmentOnlyLegacySingleFields_UsesTrackingNumberAndUrl()
    {
        string json = """{"id":5,"order_id":7,"status":"success","tracking_company":"FedEx","tracking_number":" 449044304137821 ","tracking_url":"https://fedex.example/449044304137821","extra":{"nested":[1,2]}}""";
        OrderEvent e = Assert.IsType<OrderEvent>(ShopifyEventParser.Parse("fulfillments/create", null, Encoding.UTF8.GetBytes(json)).Event);

        Assert.Null(e.EventId);
        Assert.Null(e.OrderNumber);
        Assert.Equal(new ShipmentInfo("449044304137821", "FedEx", "https://fedex.example/449044304137821", "gid://shopify/Fulfillment/5"), Assert.Single(e.Shipments));
    }

    [Fact]
    public void Parse_CancelledFulfillment_CancelsItsNumbers_AndAddsNoShipments()
    {
        string json = """{"id":5,"order_id":7,"status":"cancelled","tracking_company":"UPS","tracking_numbers":["1Z999AA10123456784"," 1Z999AA10123456784","1Z999AA10123456785"]}""";
        OrderEvent e = Assert.IsType<OrderEvent>(ShopifyEventParser.Parse("fulfillments/update", "w", Encoding.UTF8.GetBytes(json)).Event);

        Assert.Empty(e.Shipments);
        Assert.Equal("cancelled", e.References[ShopifyReferenceKeys.FulfillmentStatus]);
        Assert.Equal(
            [new ShipmentCancellation("1Z999AA10123456784", "gid://shopify/Fulfillment/5"), new ShipmentCancellation("1Z999AA10123456785", "gid://shopify/Fulfillment/5")],
            e.CancelledShipments);
    }

    [Fact]
    public void Parse_LiveFulfillment_CancelsNothing()
    {
        string json = """{"id":5,"order_id":7,"status":"success","tracking_company":"UPS","tracking_numbers":["1Z999AA10123456784"]}""";
        OrderEvent e = Assert.IsType<OrderEvent>(ShopifyEventParser.Parse("fulfillments/update", "w", Encoding.UTF8.GetBytes(json)).Event);

        Assert.Single(e.Shipments);
        Assert.Empty(e.CancelledShipments);
    }

    [Fact]
    public void Parse_OrderWithFulfillments_ShipmentsFromEmbeddedFulfillments()
    {
        string json = """{"id":9,"name":"#1009","email":"x@example.com","fulfillments":[{"id":11,"order_id":9,"status":"success","tracking_company":"USPS","tracking_numbers":["9400100000000000000000"],"tracking_urls":[]}]}""";
        OrderEvent e = Assert.IsType<OrderEvent>(ShopifyEventParser.Parse("orders/updated", "w", Encoding.UTF8.GetBytes(json)).Event);

        Assert.Equal(new ShipmentInfo("9400100000000000000000", "USPS", null, "gid://shopify/Fulfillment/11"), Assert.Single(e.Shipments));
    }

    [Theory]
    [InlineData("orders/create", "{not json")]
    [InlineData("orders/create", "[1,2]")]
    [InlineData("orders/create", "null")]
    [InlineData("orders/create", "{\"name\":\"#1\"}")]
    [InlineData("orders/create", "{\"id\":\"abc\"}")]
    [InlineData("fulfillments/create", "{\"id\":5}")]
    [InlineData("fulfillments/create", "{\"id\":5,\"order_id\":7,\"tracking_numbers\":\"1Z\"}")]
    [InlineData("fulfillments/update", "")]
    [InlineData("app/uninstalled", "{\"id\":")]
    public void Parse_MalformedBody_MalformedWithoutPayloadInError(string topic, string body)
    {
        WebhookParseResult result = ShopifyEventParser.Parse(topic, "w", Encoding.UTF8.GetBytes(body));

        Assert.Equal(WebhookParseOutcome.Malformed, result.Outcome);
        Assert.Null(result.Event);
        Assert.False(string.IsNullOrEmpty(result.Error));
        Assert.DoesNotContain("#1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("1Z", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("products/create")]
    [InlineData("customers/create")]
    [InlineData("")]
    public void Parse_UnhandledTopic_Ignored(string topic)
    {
        WebhookParseResult result = ShopifyEventParser.Parse(topic, "w", "{\"id\":1}"u8);

        Assert.Equal(WebhookParseOutcome.Ignored, result.Outcome);
        Assert.Null(result.Event);
        Assert.Equal("w", result.EventId);
    }
}
