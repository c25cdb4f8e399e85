using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Webhooks;

/// <summary>
/// Issue 4, item 4, per platform through the DevHost: status codes for bad input, ignored types, duplicates, replay and
/// rotation; nothing stored for rejected input; never a 5xx.
/// </summary>
public sealed class HttpBehaviourTests(CommerceFixture app) : IClassFixture<CommerceFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Platforms => new() { "shopify", "stripe", "paypal" };

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Webhook_MissingOrForgedSignature_Is401AndNothingIsStored(string platform)
    {
        (HttpRequestMessage missing, HttpRequestMessage forged, string orderKey) = platform switch
        {
            "shopify" => (WithoutHeader(ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(930001, 830001, "SBX4FORGE0001")), "X-Shopify-Hmac-Sha256"),
                ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(930001, 830001, "SBX4FORGE0001"), secret: "guessed"), "shopify:930001"),
            "stripe" => (WithoutHeader(StripeWebhooks.Request(StripeBody("evt_forged_1", "pi_Forged0001")), "Stripe-Signature"),
                StripeWebhooks.Request(StripeBody("evt_forged_1", "pi_Forged0001"), secret: "whsec_guessed"), "stripe:pi_Forged0001"),
            _ => (PayPalWebhooks.Request(PayPalBody("WH-FORGED-1", "FORGEDORDER0001"), "forged-tx-1", signed: false),
                PayPalWebhooks.Request(PayPalBody("WH-FORGED-1", "FORGEDORDER0001"), "forged-tx-1"), "paypal:FORGEDORDER0001"),
        };
        app.PayPal.AddOrder("FORGEDORDER0001", PayPalWebhooks.Order("FORGEDORDER0001", "CAPFORGED1", "x@example.com"));

        await ExpectAsync(missing, HttpStatusCode.Unauthorized);
        await ExpectAsync(forged, HttpStatusCode.Unauthorized);

        await BarrierAsync();
        Assert.Null(await WebhookStore.OrderRowAsync(app, orderKey));
        Assert.Empty(await WebhookStore.QueryAsync(app, "Orders", $"PartitionKey eq '{orderKey}'"));
    }

    [Fact]
    public async Task PayPal_UntrustedCertUrl_Is401WithoutAskingPayPal()
    {
        app.PayPal.ExpectTransmission("ssrf-tx-1", "WH-SSRF-1");
        int before = app.PayPal.VerifyCalls;
        await ExpectAsync(PayPalWebhooks.Request(PayPalBody("WH-SSRF-1", "SSRFORDER0001"), "ssrf-tx-1", certUrl: "https://evil.example.net/v1/notifications/certs/CERT-1"), HttpStatusCode.Unauthorized);
        await ExpectAsync(PayPalWebhooks.Request(PayPalBody("WH-SSRF-1", "SSRFORDER0001"), "ssrf-tx-1", certUrl: "http://api.sandbox.paypal.com/v1/notifications/certs/CERT-1"), HttpStatusCode.Unauthorized);
        Assert.Equal(before, app.PayPal.VerifyCalls);
    }

    [Fact]
    public async Task PayPal_VerificationApiDown_Is503WithRetryAfter()
    {
        using HttpResponseMessage response = await app.Client.SendAsync(PayPalWebhooks.Request(PayPalBody("WH-DOWN-1", "DOWNORDER0001"), PayPalApiStub.FailingTransmissionId));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Webhook_WrongContentType_Is415(string platform)
    {
        HttpRequestMessage request = platform switch
        {
            "shopify" => ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(930002, 830002, "SBX1CTYPE0002")),
            "stripe" => StripeWebhooks.Request(StripeBody("evt_ctype_1", "pi_CType0001"), contentType: "text/plain"),
            _ => PayPalWebhooks.Request(PayPalBody("WH-CTYPE-1", "CTYPEORDER0001"), "ctype-tx-1", contentType: "application/x-www-form-urlencoded"),
        };
        if (platform == "shopify")
        {
            request.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        }

        await ExpectAsync(request, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Webhook_OverOneMiB_Is413(string platform)
    {
        string big = "{\"id\":\"evt_big\",\"type\":\"charge.updated\",\"pad\":\"" + new string('x', (1024 * 1024) + 10) + "\"}";
        HttpRequestMessage request = platform switch
        {
            "shopify" => ShopifyWebhooks.Request(big),
            "stripe" => StripeWebhooks.Request(big),
            _ => PayPalWebhooks.Request(big, "big-tx-1"),
        };
        await ExpectAsync(request, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Webhook_SignedButMalformed_Is4xxNever5xx(string platform)
    {
        string[] bodies = ["{not json", "", "null", "[]", "{}", "{\"id\":12,\"type\":[1]}", "{\"id\":\"x\",\"order_id\":\"NaN\",\"created\":1e400}", "\"just a string\""];
        foreach (string body in bodies)
        {
            HttpRequestMessage request = platform switch
            {
                "shopify" => ShopifyWebhooks.Request(body, topic: "fulfillments/create"),
                "stripe" => StripeWebhooks.Request(body),
                _ => PayPalWebhooks.Request(body, "malformed-tx-" + body.Length),
            };
            using HttpResponseMessage response = await app.Client.SendAsync(request);
            int status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{platform} body '{body}' answered {status}");
        }

        // Signed (or, for PayPal, verified) and syntactically broken is 400 where the signature could be checked.
        if (platform != "paypal")
        {
            await ExpectAsync(platform == "shopify" ? ShopifyWebhooks.Request("{not json") : StripeWebhooks.Request("{not json"), HttpStatusCode.BadRequest);
        }
        else
        {
            app.PayPal.ExpectTransmission("noid-tx-1", "WH-NO-TYPE");
            await ExpectAsync(PayPalWebhooks.Request("{\"id\":\"WH-NO-TYPE\",\"resource\":{}}", "noid-tx-1"), HttpStatusCode.BadRequest);
        }

        await BarrierAsync();
        Assert.Equal(0, await WebhookStore.PoisonCountAsync(app));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Webhook_IgnoredTypeAndDuplicate_Are200(string platform)
    {
        (HttpRequestMessage ignored, Func<HttpRequestMessage> valid) = platform switch
        {
            "shopify" => (ShopifyWebhooks.Request("{\"id\":632910392,\"title\":\"IPod Nano\"}", topic: "products/update"),
                (Func<HttpRequestMessage>)(() => ShopifyWebhooks.Request(ShopifyOrderWebhooks.OrderCreated(930010), topic: "orders/create", webhookId: "dup-shopify-930010"))),
            "stripe" => (StripeWebhooks.Request(StripeWebhooks.Event("evt_ignored_1", "customer.created", new() { ["id"] = "cus_X1", ["object"] = "customer" })),
                () => StripeWebhooks.Request(StripeBody("evt_dup_1", "pi_Dup0001"))),
            _ => (PayPalIgnored(), () => PayPalWebhooks.Request(PayPalBody("WH-DUP-1", "DUPORDER0001"), "dup-tx-1")),
        };
        app.PayPal.ExpectTransmission("dup-tx-1", "WH-DUP-1");
        app.PayPal.AddOrder("DUPORDER0001", PayPalWebhooks.Order("DUPORDER0001", "CAPDUP1", "dup@example.com"));

        Assert.Contains("ignored", await ExpectAsync(ignored, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("accepted", await ExpectAsync(valid(), HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("accepted", await ExpectAsync(valid(), HttpStatusCode.OK), StringComparison.Ordinal); // dropped later, by IngestEvent
    }

    [Fact]
    public async Task Stripe_ReplayOutsideTolerance_Is401BothWays()
    {
        string body = StripeBody("evt_replay_1", "pi_Replay0001");
        await ExpectAsync(StripeWebhooks.Request(body, signedAt: DateTimeOffset.UtcNow.AddSeconds(-330)), HttpStatusCode.Unauthorized);
        await ExpectAsync(StripeWebhooks.Request(body, signedAt: DateTimeOffset.UtcNow.AddSeconds(330)), HttpStatusCode.Unauthorized);
        await ExpectAsync(StripeWebhooks.Request(body, signedAt: DateTimeOffset.UtcNow.AddSeconds(-200)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task SecretRotation_BothConfiguredSecretsAreAccepted()
    {
        await ExpectAsync(StripeWebhooks.Request(StripeBody("evt_rot_old", "pi_RotOld0001"), secret: CommerceFixture.OldStripeSecret), HttpStatusCode.OK);
        await ExpectAsync(StripeWebhooks.Request(StripeBody("evt_rot_new", "pi_RotNew0001"), secret: FunctionAppFixture.StripeSecret), HttpStatusCode.OK);
        await ExpectAsync(ShopifyWebhooks.Request(ShopifyOrderWebhooks.OrderCreated(930020), topic: "orders/create", secret: CommerceFixture.OldShopifySecret), HttpStatusCode.OK);
        await ExpectAsync(ShopifyWebhooks.Request(ShopifyOrderWebhooks.OrderCreated(930021), topic: "orders/create"), HttpStatusCode.OK);
        await Eventually.UntilAsync(() => WebhookStore.OrderRowAsync(app, "stripe:pi_RotOld0001"), r => r is not null, s_timeout, "order signed with the old secret");
    }

    private static string StripeBody(string eventId, string pi) =>
        StripeWebhooks.Event(eventId, "charge.updated", StripeWebhooks.Charge("ch_" + pi[3..], pi, "Sandbox", "SBX1" + pi[3..].ToUpperInvariant()));

    private static string PayPalBody(string eventId, string orderId) => PayPalWebhooks.CaptureCompleted(eventId, orderId, "CAP" + orderId[..8]);

    private HttpRequestMessage PayPalIgnored()
    {
        app.PayPal.ExpectTransmission("ignored-tx-1", "WH-IGNORED-1");
        return PayPalWebhooks.Request(PayPalWebhooks.CaptureCompleted("WH-IGNORED-1", "IGNOREDORDER01", "CAPIGN1", type: "PAYMENT.CAPTURE.REFUNDED"), "ignored-tx-1");
    }

    private static HttpRequestMessage WithoutHeader(HttpRequestMessage request, string header)
    {
        request.Headers.Remove(header);
        return request;
    }

    private async Task<string> ExpectAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        using (request)
        using (HttpResponseMessage response = await app.Client.SendAsync(request))
        {
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
            return text;
        }
    }

    /// <summary>A valid webhook sent after the bad ones: once it is ingested, anything enqueued before it would have been too.</summary>
    private async Task BarrierAsync()
    {
        long order = 939000 + Random.Shared.Next(1, 999);
        await ExpectAsync(ShopifyWebhooks.Request(ShopifyOrderWebhooks.OrderCreated(order), topic: "orders/create"), HttpStatusCode.OK);
        await Eventually.UntilAsync(() => WebhookStore.OrderRowAsync(app, $"shopify:{order}"), r => r is not null, s_timeout, "barrier order");
        await Eventually.UntilAsync(async () => (await app.Queues.GetQueueClient("inbound-events").ExistsAndPeekAsync()).Count, n => n == 0, s_timeout, "inbound-events drained");
    }
}
