using System.Net;
using System.Text;
using OrderTracking.Commerce.Stripe;
using StripeNet = global::Stripe;

namespace OrderTracking.Commerce.Tests.Stripe;

/// <summary><see cref="StripeTrackingWriter"/> against a stub of the charges and PaymentIntents endpoints.</summary>
public sealed class StripeTrackingWriterTests
{
    private const string ChargeWithShipping = """
        {"id":"ch_1","object":"charge","shipping":{"name":"Ana","phone":"+4930123","address":{"line1":"Hauptstr. 1","city":"Berlin","postal_code":"10115","country":"DE"}}}
        """;

    [Fact]
    public async Task Write_ResendsNameAndAddressWithTheTracking_UnderADeterministicKey()
    {
        var stub = new Stub(r => r.Method == HttpMethod.Get ? (HttpStatusCode.OK, ChargeWithShipping) : (HttpStatusCode.OK, ChargeWithShipping));

        StripeTrackingResult result = await Writer(stub).WriteAsync(new StripeTrackingTarget("ch_1", null, "UPS", ["1Z1", "1Z2"]), CancellationToken.None);

        Assert.True(result.Done);
        Assert.False(result.AlreadyPresent);
        (HttpMethod method, string path, string body, string? key) = stub.Requests[^1];
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("/v1/charges/ch_1", path);
        string form = Uri.UnescapeDataString(body.Replace('+', ' '));
        Assert.Contains("shipping[name]=Ana", form, StringComparison.Ordinal);
        Assert.Contains("shipping[address][line1]=Hauptstr. 1", form, StringComparison.Ordinal);
        Assert.Contains("shipping[phone]=+4930123", form, StringComparison.Ordinal);
        Assert.Contains("shipping[tracking_number]=1Z1,1Z2", form, StringComparison.Ordinal);
        Assert.Equal(StripeTrackingWriter.IdempotencyKey("ch_1", "UPS", "1Z1,1Z2"), key);
        Assert.NotEqual(key, StripeTrackingWriter.IdempotencyKey("ch_1", "UPS", "1Z1"));
    }

    [Fact]
    public async Task Write_NumbersAlreadyOnTheCharge_MakesNoUpdate()
    {
        var stub = new Stub(_ => (HttpStatusCode.OK, """{"id":"ch_1","object":"charge","shipping":{"name":"Ana","carrier":"UPS","tracking_number":"1Z1, 1Z2","address":{"line1":"x"}}}"""));

        StripeTrackingResult result = await Writer(stub).WriteAsync(new StripeTrackingTarget("ch_1", null, "UPS", ["1Z2"]), CancellationToken.None);

        Assert.True(result.AlreadyPresent);
        Assert.All(stub.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
    }

    [Fact]
    public async Task Write_OnlyAPaymentIntent_UsesItsLatestCharge()
    {
        var stub = new Stub(r => r.Path.StartsWith("/v1/payment_intents/", StringComparison.Ordinal)
            ? (HttpStatusCode.OK, """{"id":"pi_1","object":"payment_intent","latest_charge":"ch_1"}""")
            : (HttpStatusCode.OK, ChargeWithShipping));

        StripeTrackingResult result = await Writer(stub).WriteAsync(new StripeTrackingTarget(null, "pi_1", "DHL", ["JD1"]), CancellationToken.None);

        Assert.Equal("ch_1", result.ChargeId);
        Assert.Equal("/v1/charges/ch_1", stub.Requests[^1].Path);
    }

    [Fact]
    public async Task Write_NoNameOrAddressAnywhere_IsRejectedWithoutAnUpdate()
    {
        var stub = new Stub(_ => (HttpStatusCode.OK, """{"id":"ch_1","object":"charge","billing_details":{"name":null}}"""));

        StripeTrackingResult result = await Writer(stub).WriteAsync(new StripeTrackingTarget("ch_1", null, "UPS", ["1Z1"]), CancellationToken.None);

        Assert.False(result.Done);
        Assert.Contains("name and address", result.Error, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Write_StripeSays404_IsRejectedWithItsMessage_But500AndUnauthorizedThrowForTheQueue()
    {
        var missing = new Stub(_ => (HttpStatusCode.NotFound, """{"error":{"type":"invalid_request_error","message":"No such charge: 'ch_9'"}}"""));
        var down = new Stub(_ => (HttpStatusCode.InternalServerError, """{"error":{"type":"api_error","message":"boom"}}"""));
        var badKey = new Stub(_ => (HttpStatusCode.Unauthorized, """{"error":{"type":"invalid_request_error","message":"Invalid API Key"}}"""));

        StripeTrackingResult rejected = await Writer(missing).WriteAsync(new StripeTrackingTarget("ch_9", null, "UPS", ["1Z1"]), CancellationToken.None);

        Assert.Contains("No such charge", rejected.Error, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StripeNet.StripeException>(() => Writer(down).WriteAsync(new StripeTrackingTarget("ch_1", null, "UPS", ["1Z1"]), CancellationToken.None));
        await Assert.ThrowsAsync<StripeNet.StripeException>(() => Writer(badKey).WriteAsync(new StripeTrackingTarget("ch_1", null, "UPS", ["1Z1"]), CancellationToken.None));
    }

    private static StripeTrackingWriter Writer(Stub stub) =>
        new(new StripeNet.StripeClient(new StripeNet.StripeClientOptions
        {
            ApiKey = "sk_test_writer",
            ApiBase = "http://stripe-stub.test",
            // No retries here: a retried 500 would only slow the test down (Stripe.net sleeps between attempts).
            HttpClient = new StripeNet.SystemNetHttpClient(new HttpClient(stub), maxNetworkRetries: 0),
        }));

    private sealed class Stub(Func<(HttpMethod Method, string Path), (HttpStatusCode Status, string Json)> respond) : HttpMessageHandler
    {
        public List<(HttpMethod Method, string Path, string Body, string? IdempotencyKey)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method, request.RequestUri!.AbsolutePath, body,
                request.Headers.TryGetValues("Idempotency-Key", out IEnumerable<string>? keys) ? keys.First() : null));
            (HttpStatusCode status, string json) = respond((request.Method, request.RequestUri!.AbsolutePath));
            return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
