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

    public PayPalApiStub() => Handler.Responder = Respond;

    public IEnumerable<RecordedRequest> RequestsTo(string path) => Handler.Requests.Where(r => r.Uri.AbsolutePath == path);

    public PayPalAccessTokenProvider CreateTokens() =>
        new(new StubHttpClientFactory(Handler), Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<PayPalAccessTokenProvider>.Instance);

    public PayPalEventParser CreateParser() =>
        new(new PayPalOrdersClient(new StubHttpClientFactory(Handler), Microsoft.Extensions.Options.Options.Create(Options), CreateTokens(), NullLogger<PayPalOrdersClient>.Instance));

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
            case "/v1/notifications/verify-webhook-signature":
                return StubHttpHandler.Json(VerifyResponse, VerifyStatus);
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }
}
