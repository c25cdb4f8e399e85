using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Testing;

namespace OrderTracking.Commerce.Tests.PayPal;

/// <summary>A stub PayPal REST API (OAuth, Orders, verify-webhook-signature) behind <see cref="StubHttpHandler"/>.</summary>
internal sealed class PayPalApiStub
{
    public const string BaseUrl = "http://paypal-stub.test";

    public StubHttpHandler Handler { get; } = new();
    public FakeTimeProvider Time { get; } = new();
    public PayPalOptions Options { get; } = new() { WebhookId = "WH-ID", ClientId = "client-id", ClientSecret = "client-secret", BaseUrl = BaseUrl };
    public int TokensIssued { get; private set; }
    public HttpStatusCode OrderStatus { get; set; } = HttpStatusCode.OK;
    public int OrderUnauthorizedCount { get; set; }
    public string VerifyResponse { get; set; } = """{"verification_status":"SUCCESS"}""";
    public HttpStatusCode VerifyStatus { get; set; } = HttpStatusCode.OK;
    public HttpStatusCode TrackStatus { get; set; } = HttpStatusCode.Created;
    public string TrackResponse { get; set; } = """{"id":"5O190127TN364715T","purchase_units":[{"shipping":{"trackers":[{"id":"8MC585209K746392H-OTHER1"},{"id":"8MC585209K746392H-1Z999AA10123456784","status":"SHIPPED"}]}}]}""";

    /// <summary>How many <c>GET /v1/shipping/trackers/{id}</c> reads answer 404 before the tracker is there (-1: never).</summary>
    public int LegacyTrackerMissingReads { get; set; } = -1;
    public string LegacyBatchResponse { get; set; } = """{"tracker_identifiers":[{"transaction_id":"8MC585209K746392H","tracking_number":"1Z999AA10123456784"}],"errors":[]}""";

    public PayPalApiStub() => Handler.Responder = Respond;

    public IEnumerable<RecordedRequest> RequestsTo(string path) => Handler.Requests.Where(r => r.Uri.AbsolutePath == path);

    public PayPalAccessTokenProvider CreateTokens() =>
        new(new StubHttpClientFactory(Handler), Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<PayPalAccessTokenProvider>.Instance);

    public PayPalEventParser CreateParser() =>
        new(new PayPalOrdersClient(new StubHttpClientFactory(Handler), Microsoft.Extensions.Options.Options.Create(Options), CreateTokens(), NullLogger<PayPalOrdersClient>.Instance));

    public PayPalTrackingClient CreateTrackingClient() =>
        new(new StubHttpClientFactory(Handler), Microsoft.Extensions.Options.Options.Create(Options), CreateTokens(), NullLogger<PayPalTrackingClient>.Instance);

    public PayPalVerificationApiClient CreateVerificationApi() =>
        new(new StubHttpClientFactory(Handler), Microsoft.Extensions.Options.Options.Create(Options), CreateTokens(), NullLogger<PayPalVerificationApiClient>.Instance);

    private HttpResponseMessage Respond(RecordedRequest request)
    {
        switch (request.Uri.AbsolutePath)
        {
            case "/v1/oauth2/token":
                TokensIssued++;
                return StubHttpHandler.Json(Fixture.Text("paypal/oauth-token.json").Replace("A21AAFakeTokenForTests0001", $"token-{TokensIssued}", StringComparison.Ordinal));
            case "/v2/checkout/orders/5O190127TN364715T":
                if (OrderUnauthorizedCount > 0)
                {
                    OrderUnauthorizedCount--;
                    return new HttpResponseMessage(HttpStatusCode.Unauthorized);
                }

                return OrderStatus == HttpStatusCode.OK
                    ? StubHttpHandler.Json(Fixture.Text("paypal/order-5O190127TN364715T.json"))
                    : StubHttpHandler.Json("""{"name":"RESOURCE_NOT_FOUND"}""", OrderStatus);
            case "/v2/checkout/orders/5O190127TN364715T/track":
                if (OrderUnauthorizedCount > 0)
                {
                    OrderUnauthorizedCount--;
                    return new HttpResponseMessage(HttpStatusCode.Unauthorized);
                }

                return StubHttpHandler.Json(TrackResponse, TrackStatus);
            case "/v2/checkout/orders/5O190127TN364715T/trackers/8MC585209K746392H-1Z999AA10123456784":
                return request.Method == HttpMethod.Patch ? new HttpResponseMessage(HttpStatusCode.NoContent) : new HttpResponseMessage(HttpStatusCode.MethodNotAllowed);
            case "/v2/checkout/orders/5O190127TN364715T/trackers/8MC585209K746392H-GONE":
                return StubHttpHandler.Json("""{"name":"RESOURCE_NOT_FOUND","details":[{"issue":"INVALID_RESOURCE_ID","description":"Specified resource ID does not exist."}]}""", HttpStatusCode.NotFound);
            case "/v1/shipping/trackers/8MC585209K746392H-1Z999AA10123456784" when request.Method == HttpMethod.Put:
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            case "/v1/shipping/trackers/8MC585209K746392H-1Z999AA10123456784":
                if (LegacyTrackerMissingReads != 0)
                {
                    LegacyTrackerMissingReads--;
                    return StubHttpHandler.Json("""{"name":"RESOURCE_NOT_FOUND"}""", HttpStatusCode.NotFound);
                }

                return StubHttpHandler.Json("""{"transaction_id":"8MC585209K746392H","tracking_number":"1Z999AA10123456784","status":"SHIPPED","carrier":"UPS"}""");
            case "/v1/shipping/trackers-batch":
                return StubHttpHandler.Json(LegacyBatchResponse);
            case "/v1/notifications/verify-webhook-signature":
                return StubHttpHandler.Json(VerifyResponse, VerifyStatus);
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }
}
