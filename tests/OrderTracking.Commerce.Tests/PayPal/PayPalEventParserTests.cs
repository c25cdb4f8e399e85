using System.Net;
using System.Text;
using OrderTracking.Core.Orders;

namespace OrderTracking.Commerce.Tests.PayPal;

public sealed class PayPalEventParserTests
{
    private const string OrderPath = "/v2/checkout/orders/5O190127TN364715T";

    [Fact]
    public async Task ParseAsync_CheckoutOrderApproved_ParsedFromResourceWithoutApiCall()
    {
        var stub = new PayPalApiStub();

        WebhookParseResult result = await stub.CreateParser().ParseAsync(Fixture.Bytes("paypal/checkout-order-approved.json"), default);

        Assert.Equal(WebhookParseOutcome.Parsed, result.Outcome);
        Assert.Equal("CHECKOUT.ORDER.APPROVED", result.EventType);
        Assert.Equal("WH-62W810145R7409724-8CH11354TY024302T", result.EventId);
        OrderEvent e = Assert.IsType<OrderEvent>(result.Event);
        Assert.Equal("paypal:5O190127TN364715T", e.OrderKey);
        Assert.Equal("5O190127TN364715T", e.OrderNumber);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T15:21:44.317Z"), e.OccurredAt);
        Assert.Equal(new CustomerInfo("john.doe@example.com", "John Q. Doe"), e.Customer);
        Assert.Equal("5O190127TN364715T", e.References[PlatformReferenceKeys.PayPalOrderId]);
        Assert.False(e.References.ContainsKey(PlatformReferenceKeys.PayPalCaptureId));
        Assert.Empty(stub.Handler.Requests);
    }

    [Fact]
    public async Task ParseAsync_CaptureCompleted_FetchesOrderWithBearerToken()
    {
        var stub = new PayPalApiStub();

        WebhookParseResult result = await stub.CreateParser().ParseAsync(Fixture.Bytes("paypal/payment-capture-completed.json"), default);

        OrderEvent e = Assert.IsType<OrderEvent>(result.Event);
        Assert.Equal("paypal:5O190127TN364715T", e.OrderKey);
        Assert.Equal("WH-58D329510W468432D-8HN650336L201105X", e.EventId);
        Assert.Equal(new CustomerInfo("john.doe@example.com", "John Q. Doe"), e.Customer);
        Assert.Equal("8MC585209K746392H", e.References[PlatformReferenceKeys.PayPalCaptureId]);
        Assert.Equal("5O190127TN364715T", e.References[PlatformReferenceKeys.PayPalOrderId]);
        RecordedRequest get = Assert.Single(stub.RequestsTo(OrderPath));
        Assert.Equal(HttpMethod.Get, get.Method);
        Assert.Equal("Bearer token-1", get.Authorization);
    }

    [Fact]
    public async Task ParseAsync_TwoCaptures_TokenFetchedOnce()
    {
        var stub = new PayPalApiStub();
        var parser = stub.CreateParser();

        await parser.ParseAsync(Fixture.Bytes("paypal/payment-capture-completed.json"), default);
        await parser.ParseAsync(Fixture.Bytes("paypal/payment-capture-completed.json"), default);

        Assert.Equal(1, stub.TokensIssued);
        Assert.Equal(2, stub.RequestsTo(OrderPath).Count());
    }

    [Fact]
    public async Task ParseAsync_OrdersApiAnswers401Once_RenewsTokenAndRetries()
    {
        var stub = new PayPalApiStub { OrderUnauthorizedCount = 1 };

        WebhookParseResult result = await stub.CreateParser().ParseAsync(Fixture.Bytes("paypal/payment-capture-completed.json"), default);

        Assert.Equal("john.doe@example.com", result.Event?.Customer?.Email);
        Assert.Equal(2, stub.TokensIssued);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], stub.RequestsTo(OrderPath).Select(r => r.Authorization));
    }

    [Fact]
    public async Task ParseAsync_OrderNotFound_ParsedWithoutCustomer()
    {
        var stub = new PayPalApiStub { OrderStatus = HttpStatusCode.NotFound };

        WebhookParseResult result = await stub.CreateParser().ParseAsync(Fixture.Bytes("paypal/payment-capture-completed.json"), default);

        Assert.Equal(WebhookParseOutcome.Parsed, result.Outcome);
        Assert.Null(result.Event?.Customer);
        Assert.Equal("8MC585209K746392H", result.Event?.References[PlatformReferenceKeys.PayPalCaptureId]);
    }

    [Fact]
    public async Task ParseAsync_OrdersApiServerError_ThrowsForQueueRetry()
    {
        var stub = new PayPalApiStub { OrderStatus = HttpStatusCode.ServiceUnavailable };

        await Assert.ThrowsAsync<HttpRequestException>(() => stub.CreateParser().ParseAsync(Fixture.Bytes("paypal/payment-capture-completed.json"), default));
    }

    [Fact]
    public async Task ParseAsync_CaptureWithoutSupplementaryData_OrderIdFromUpLink()
    {
        var stub = new PayPalApiStub();
        string json = Fixture.Text("paypal/payment-capture-completed.json")
            .Replace("\"supplementary_data\": { \"related_ids\": { \"order_id\": \"5O190127TN364715T\" } },", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("supplementary_data", json, StringComparison.Ordinal);

        WebhookParseResult result = await stub.CreateParser().ParseAsync(Encoding.UTF8.GetBytes(json), default);

        Assert.Equal("paypal:5O190127TN364715T", result.Event?.OrderKey);
    }

    [Fact]
    public async Task ParseAsync_ApprovedOrderWithoutPayerEmail_FetchesOrder()
    {
        var stub = new PayPalApiStub();
        string json = Fixture.Text("paypal/checkout-order-approved.json").Replace("john.doe@example.com", string.Empty, StringComparison.Ordinal);

        WebhookParseResult result = await stub.CreateParser().ParseAsync(Encoding.UTF8.GetBytes(json), default);

        Assert.Equal("john.doe@example.com", result.Event?.Customer?.Email);
        Assert.Equal("8MC585209K746392H", result.Event?.References[PlatformReferenceKeys.PayPalCaptureId]);
        Assert.Single(stub.RequestsTo(OrderPath));
    }

    [Theory]
    [InlineData("vectors/paypal/net-sdk-body.json")]
    [InlineData("vectors/paypal/node-sdk-body.json")]
    public async Task ParseAsync_UnhandledType_IgnoredWithoutApiCall(string file)
    {
        var stub = new PayPalApiStub();

        WebhookParseResult result = await stub.CreateParser().ParseAsync(Fixture.Bytes(file), default);

        Assert.Equal(WebhookParseOutcome.Ignored, result.Outcome);
        Assert.Equal("PAYMENT.SALE.COMPLETED", result.EventType);
        Assert.StartsWith("WH-", result.EventId, StringComparison.Ordinal);
        Assert.Empty(stub.Handler.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{{")]
    [InlineData("[]")]
    [InlineData("{\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{\"id\":\"C1\"}}")]
    [InlineData("{\"id\":\"WH-1\",\"resource\":{\"id\":\"C1\"}}")]
    [InlineData("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\"}")]
    [InlineData("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{\"id\":\"C1\"}}")]
    [InlineData("{\"id\":\"WH-1\",\"event_type\":\"CHECKOUT.ORDER.APPROVED\",\"resource\":{\"id\":\"A/B\"}}")]
    [InlineData("{\"id\":\"WH-1\",\"event_type\":\"CHECKOUT.ORDER.APPROVED\",\"create_time\":\"yesterday\",\"resource\":{\"id\":\"O1\"}}")]
    [InlineData("{\"id\":\"WH-1\",\"event_type\":\"CHECKOUT.ORDER.APPROVED\",\"resource\":{\"id\":\"O1\",\"purchase_units\":{}}}")]
    public async Task ParseAsync_MalformedBody_MalformedWithoutApiCall(string body)
    {
        var stub = new PayPalApiStub();

        WebhookParseResult result = await stub.CreateParser().ParseAsync(Encoding.UTF8.GetBytes(body), default);

        Assert.Equal(WebhookParseOutcome.Malformed, result.Outcome);
        Assert.Null(result.Event);
        Assert.False(string.IsNullOrEmpty(result.Error));
        Assert.Empty(stub.Handler.Requests);
    }
}
