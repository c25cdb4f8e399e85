using System.Text;
using OrderTracking.Commerce.Stripe;
using OrderTracking.Core.Orders;

namespace OrderTracking.Commerce.Tests.Stripe;

public sealed class StripeEventParserTests
{
    private static OrderEvent ParseFixture(string name, out WebhookParseResult result)
    {
        result = StripeEventParser.Parse(Fixture.Bytes($"stripe/{name}"));
        Assert.Equal(WebhookParseOutcome.Parsed, result.Outcome);
        return Assert.IsType<OrderEvent>(result.Event);
    }

    [Fact]
    public void Parse_CheckoutSessionCompleted_KeyedByPaymentIntentWithShippingName()
    {
        OrderEvent e = ParseFixture("checkout-session-completed.json", out WebhookParseResult result);

        Assert.Equal("checkout.session.completed", result.EventType);
        Assert.Equal("evt_1QkCheckout0001", result.EventId);
        Assert.Equal("stripe:pi_3QkPay0000000001", e.OrderKey);
        Assert.Equal("pi_3QkPay0000000001", e.OrderNumber);
        Assert.Equal("evt_1QkCheckout0001", e.EventId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795327200), e.OccurredAt);
        // Name from collected_information.shipping_details, not customer_details ("Ana G.").
        Assert.Equal(new CustomerInfo("ana.garcia@example.com", "Ana García", "es"), e.Customer);
        Assert.Equal("pi_3QkPay0000000001", e.References[PlatformReferenceKeys.StripePaymentIntentId]);
        Assert.Empty(e.Shipments);
    }

    [Fact]
    public void Parse_CheckoutSessionPreBasilShippingDetails_NameFromLegacyField()
    {
        string json = """{"id":"evt_1","type":"checkout.session.completed","created":1,"data":{"object":{"id":"cs_1","payment_intent":"pi_1","locale":"auto","shipping_details":{"name":"Old Field"},"customer_details":{"email":"a@example.com","name":"Billing"}}}}""";
        OrderEvent e = Assert.IsType<OrderEvent>(StripeEventParser.Parse(Encoding.UTF8.GetBytes(json)).Event);

        Assert.Equal(new CustomerInfo("a@example.com", "Old Field", null), e.Customer);
    }

    [Fact]
    public void Parse_CheckoutSessionWithoutPaymentIntent_Ignored()
    {
        string json = """{"id":"evt_1","type":"checkout.session.completed","data":{"object":{"id":"cs_1","mode":"subscription","payment_intent":null}}}""";
        WebhookParseResult result = StripeEventParser.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(WebhookParseOutcome.Ignored, result.Outcome);
        Assert.Equal("evt_1", result.EventId);
    }

    [Fact]
    public void Parse_PaymentIntentSucceeded_ReceiptEmailAndLatestCharge()
    {
        OrderEvent e = ParseFixture("payment-intent-succeeded.json", out _);

        Assert.Equal("stripe:pi_3QkPay0000000001", e.OrderKey);
        Assert.Equal(new CustomerInfo("ana.garcia@example.com", "Ana García"), e.Customer);
        Assert.Equal("ch_3QkPay0000000001", e.References[PlatformReferenceKeys.StripeChargeId]);
        Assert.Equal("pi_3QkPay0000000001", e.References[PlatformReferenceKeys.StripePaymentIntentId]);
        Assert.Empty(e.Shipments);
    }

    [Fact]
    public void Parse_ChargeSucceeded_ReceiptEmailPreferredOverBilling()
    {
        OrderEvent e = ParseFixture("charge-succeeded.json", out _);

        Assert.Equal("stripe:pi_3QkPay0000000001", e.OrderKey);
        Assert.Equal("ana.garcia@example.com", e.Customer?.Email);
        Assert.Equal("ch_3QkPay0000000001", e.References[PlatformReferenceKeys.StripeChargeId]);
        Assert.Empty(e.Shipments);
    }

    [Fact]
    public void Parse_ChargeUpdatedWithCommaSeparatedNumbers_OneShipmentEach()
    {
        OrderEvent e = ParseFixture("charge-updated.json", out WebhookParseResult result);

        Assert.Equal("charge.updated", result.EventType);
        Assert.Equal("stripe:pi_3QkPay0000000001", e.OrderKey);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795413600), e.OccurredAt);
        Assert.Equal(
            [new ShipmentInfo("1Z999AA10123456784", "UPS"), new ShipmentInfo("1Z999AA10123456795", "UPS")],
            e.Shipments);
    }

    [Fact]
    public void Parse_ChargeWithoutPaymentIntent_KeyedByChargeAndDuplicatesDropped()
    {
        string json = """{"id":"evt_9","type":"charge.updated","created":1795413600,"data":{"object":{"id":"ch_legacy","payment_intent":null,"billing_details":{"email":"b@example.com","name":"Bo"},"shipping":{"carrier":"DHL Express","tracking_number":"123, ,123,456"}}}}""";
        OrderEvent e = Assert.IsType<OrderEvent>(StripeEventParser.Parse(Encoding.UTF8.GetBytes(json)).Event);

        Assert.Equal("stripe:ch_legacy", e.OrderKey);
        Assert.Equal(new CustomerInfo("b@example.com", "Bo"), e.Customer);
        Assert.False(e.References.ContainsKey(PlatformReferenceKeys.StripePaymentIntentId));
        Assert.Equal([new ShipmentInfo("123", "DHL Express"), new ShipmentInfo("456", "DHL Express")], e.Shipments);
    }

    [Theory]
    [InlineData("customer.created")]
    [InlineData("payment_intent.created")]
    [InlineData("v2.core.event_destination.ping")]
    public void Parse_UnhandledType_Ignored(string type)
    {
        WebhookParseResult result = StripeEventParser.Parse(Encoding.UTF8.GetBytes("{\"id\":\"evt_x\",\"type\":\"" + type + "\",\"data\":{\"object\":{\"id\":\"cus_1\",\"unknown\":[1,{\"a\":null}]}}}"));

        Assert.Equal(WebhookParseOutcome.Ignored, result.Outcome);
        Assert.Equal(type, result.EventType);
        Assert.Equal("evt_x", result.EventId);
    }

    [Fact]
    public void Parse_PublishedVectorCustomerCreated_Ignored()
    {
        WebhookParseResult result = StripeEventParser.Parse(Fixture.Bytes("vectors/stripe/payload.json"));

        Assert.Equal(WebhookParseOutcome.Ignored, result.Outcome);
        Assert.Equal("evt_123", result.EventId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"evt\"")]
    [InlineData("{\"type\":\"charge.updated\",\"data\":{\"object\":{\"id\":\"ch_1\"}}}")]
    [InlineData("{\"id\":\"evt_1\",\"data\":{\"object\":{\"id\":\"ch_1\"}}}")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"charge.updated\",\"data\":{}}")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"charge.updated\",\"data\":{\"object\":{\"id\":\"\"}}}")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"charge.updated\",\"data\":{\"object\":{\"id\":\"ch/../1\"}}}")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"charge.updated\",\"created\":\"soon\",\"data\":{\"object\":{\"id\":\"ch_1\"}}}")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"charge.updated\",\"created\":99999999999999,\"data\":{\"object\":{\"id\":\"ch_1\"}}}")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"charge.updated\",\"data\":{\"object\":{\"id\":\"ch_1\",\"shipping\":\"UPS\"}}}")]
    public void Parse_MalformedBody_Malformed(string body)
    {
        WebhookParseResult result = StripeEventParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(WebhookParseOutcome.Malformed, result.Outcome);
        Assert.Null(result.Event);
        Assert.False(string.IsNullOrEmpty(result.Error));
        Assert.DoesNotContain("ch_", result.Error, StringComparison.Ordinal);
    }
}
