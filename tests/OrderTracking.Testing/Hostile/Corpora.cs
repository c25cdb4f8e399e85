using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace OrderTracking.Testing.Hostile;

/// <summary>What the generators need to build valid requests: the app's secrets and one order known to exist.</summary>
/// <param name="Clock">The app's clock (Stripe timestamps are signed with it when a case is built).</param>
/// <param name="StripeSecret">A <c>Stripe:WebhookSecrets</c> entry.</param>
/// <param name="ShopifySecret">A <c>Shopify:WebhookSecrets</c> entry.</param>
/// <param name="PayPalKey">The key of the certificate the app trusts for <paramref name="PayPalCertUrl"/>; null when PayPal is not set up (all PayPal requests must then be refused).</param>
/// <param name="PayPalWebhookId"><c>PayPal:WebhookId</c>.</param>
/// <param name="PayPalCertUrl">A PAYPAL-CERT-URL on a PayPal host.</param>
/// <param name="OrderKey">An order that exists, with <paramref name="OrderNumber"/> and <paramref name="Email"/>.</param>
/// <param name="OrderNumber">The order number the customer knows (lookup).</param>
/// <param name="Email">The order's email (lookup).</param>
/// <param name="Token">A valid read token for <paramref name="OrderKey"/>.</param>
/// <param name="BadTokens">Tokens that must not open <paramref name="OrderKey"/>: another order's, an expired one, one signed with another key.</param>
public sealed record CorpusContext(
    Func<DateTimeOffset> Clock,
    string StripeSecret,
    string ShopifySecret,
    RSA? PayPalKey,
    string PayPalWebhookId,
    string PayPalCertUrl,
    string OrderKey,
    string OrderNumber,
    string Email,
    string Token,
    IReadOnlyList<string> BadTokens);

/// <summary>
/// One generator per public endpoint (issue 15), each starting from valid requests and mixing in every mutation of
/// <see cref="BodyMutations"/> and <see cref="HeaderMutations"/> plus the endpoint's own: signature headers that are
/// almost right, order keys and tokens with path and control characters, markup in every text a page might show.
/// </summary>
public static class Corpora
{
    public const string Stripe = "webhooks/stripe";
    public const string Shopify = "webhooks/shopify";
    public const string PayPal = "webhooks/paypal";
    public const string Shipments = "shipments";
    public const string Tracking = "tracking/{orderKey}";
    public const string Lookup = "tracking/lookup";
    public const string Track = "track";
    public const string WidgetJs = "widget.js";
    public const string Unsubscribe = "unsubscribe";
    public const string Health = "health";
    public const string SyncStatus = "ops/sync/{orderKey}";
    public const string PoisonList = "ops/poison";
    public const string PoisonAction = "ops/poison/{queue}/{action:regex(^(replay|discard)$)}";
    public const string Kpis = "kpis";
    public const string Dashboard = "dashboard";

    private const string Json = "application/json";

    /// <summary>Every endpoint with a generator.</summary>
    public static IReadOnlyList<string> Endpoints { get; } = [Stripe, Shopify, PayPal, Shipments, Tracking, Lookup, Track, WidgetJs, Unsubscribe, Health, SyncStatus, PoisonList, PoisonAction, Kpis, Dashboard];

    public static Gen<HostileRequest> For(string endpoint, CorpusContext context) => endpoint switch
    {
        Stripe => StripeWebhooks(context),
        Shopify => ShopifyWebhooks(context),
        PayPal => PayPalWebhooks(context),
        Shipments => Registrations(),
        Tracking => TrackingReads(context),
        Lookup => Lookups(context),
        Track => Pages(context, Track),
        WidgetJs => Pages(context, WidgetJs),
        Unsubscribe => Unsubscribes(context),
        Health => Pages(context, Health),
        SyncStatus => SyncReads(context),
        PoisonList => Pages(context, PoisonList),
        PoisonAction => PoisonActions(),
        Kpis => KpiQueries(context, Kpis),
        Dashboard => KpiQueries(context, Dashboard),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "no generator"),
    };

    // ---- webhooks ----------------------------------------------------------------------------------------------

    private delegate HeaderList Signer(byte[] body);

    private sealed record SignatureChange(string Name, Func<byte[], HeaderList> Headers, Expectation Expect);

    private static Gen<HostileRequest> Webhook(string endpoint, Gen<byte[]> bodies, Signer sign, Gen<SignatureChange> signatureChanges)
    {
        HostileRequest Make(string mutation, byte[] body, HeaderList headers, Expectation expect) =>
            new(endpoint, mutation, "POST", "/api/" + endpoint, "", headers, body, expect);

        return Gen.Frequency(
            (2, bodies.Select(b => Make("valid", b, sign(b), Expectation.Valid))),
            (2, Gen.Select(bodies, HeaderMutations.Noise).Select((b, n) => Make(n.Name, b, n.Apply(sign(b)), Expectation.Valid))),
            (6, bodies.SelectMany(b => BodyMutations.Of(b).Select(m =>
                Make(m.Name + " (original signature)", m.Body, sign(b), m.Body.AsSpan().SequenceEqual(b) ? Expectation.Valid : Expectation.MustReject)))),
            (4, bodies.SelectMany(b => BodyMutations.Of(b).Select(m =>
                Make(m.Name + " (re-signed)", m.Body, sign(m.Body), m.Unparseable ? Expectation.MustReject : Expectation.MayAccept)))),
            (5, Gen.Select(bodies, signatureChanges).Select((b, c) => Make(c.Name, b, c.Headers(b), c.Expect))),
            (2, Gen.Select(bodies, HeaderMutations.ContentType).Select((b, c) =>
                Make(c.Name, b, c.Apply(sign(b)), c.Rejects switch { true => Expectation.MustReject, false => Expectation.Valid, null => Expectation.MayAccept }))));
    }

    private static Gen<HostileRequest> StripeWebhooks(CorpusContext c)
    {
        long Now() => c.Clock().ToUnixTimeSeconds(); // when the case is built: the run takes minutes, the tolerance is 300 s
        HeaderList Signed(byte[] _, string header) => new HeaderList().With("Content-Type", Json).With("Stripe-Signature", header);
        string Sig(byte[] b, long t) => Signing.StripeV1(b, c.StripeSecret, t);
        string T(long t) => t.ToString(CultureInfo.InvariantCulture);

        Gen<byte[]> bodies = Gen.Select(Gen.Int[1, 1_000_000], Gen.OneOf("charge.updated", "checkout.session.completed", "payment_intent.succeeded", "customer.created"))
            .Select((n, type) => Encoding.UTF8.GetBytes(StripeEvent(n, type, Now())));
        Gen<SignatureChange> changes = Gen.OneOf(new SignatureChange[]
        {
            new("other-secret", b => Signed(b, Signing.StripeHeader(b, "whsec_other_secret", Now())), Expectation.MustReject),
            new("secret-without-prefix", b => Signed(b, Signing.StripeHeader(b, c.StripeSecret.Replace("whsec_", "", StringComparison.Ordinal), Now())), Expectation.MustReject),
            new("timestamp-1h-old", b => Signed(b, Signing.StripeHeader(b, c.StripeSecret, Now() - 3600)), Expectation.MustReject),
            new("timestamp-1h-ahead", b => Signed(b, Signing.StripeHeader(b, c.StripeSecret, Now() + 3600)), Expectation.MustReject),
            new("timestamp-year-2286", b => Signed(b, Signing.StripeHeader(b, c.StripeSecret, 9_999_999_999)), Expectation.MustReject),
            new("timestamp-negative", b => Signed(b, $"t=-1,v1={Sig(b, -1)}"), Expectation.MustReject),
            new("timestamp-overflow", b => Signed(b, $"t=99999999999999999999,v1={Sig(b, Now())}"), Expectation.MustReject),
            new("signed-t-differs-from-header-t", b => Signed(b, $"t={T(Now() - 1)},v1={Sig(b, Now())}"), Expectation.MustReject),
            new("scheme-v0-only", b => Signed(b, $"t={T(Now())},v0={Sig(b, Now())}"), Expectation.MustReject),
            new("scheme-v2", b => Signed(b, $"t={T(Now())},v2={Sig(b, Now())}"), Expectation.MustReject),
            new("scheme-V1-uppercase-key", b => Signed(b, $"t={T(Now())},V1={Sig(b, Now())}"), Expectation.MustReject),
            new("v1-uppercase-hex", b => Signed(b, $"t={T(Now())},v1={Sig(b, Now()).ToUpperInvariant()}"), Expectation.MayAccept),
            new("v1-truncated", b => Signed(b, $"t={T(Now())},v1={Sig(b, Now())[..63]}"), Expectation.MustReject),
            new("v1-extended", b => Signed(b, $"t={T(Now())},v1={Sig(b, Now())}00"), Expectation.MustReject),
            new("v1-base64", b => Signed(b, $"t={T(Now())},v1={Convert.ToBase64String(Convert.FromHexString(Sig(b, Now())))}"), Expectation.MustReject),
            new("v1-wrong-then-right", b => Signed(b, $"t={T(Now())},v1={new string('0', 64)},v1={Sig(b, Now())}"), Expectation.Valid),
            new("nine-v1-right-last", b => Signed(b, $"t={T(Now())}," + string.Concat(Enumerable.Repeat($"v1={new string('0', 64)},", 8)) + $"v1={Sig(b, Now())}"), Expectation.MayAccept),
            new("t-repeated-wrong-last", b => Signed(b, $"t={T(Now())},v1={Sig(b, Now())},t={T(Now() - 5)}"), Expectation.MustReject),
            new("t-repeated-right-last", b => Signed(b, $"t={T(Now() - 5)},t={T(Now())},v1={Sig(b, Now())}"), Expectation.MayAccept),
            new("spaces-around-parts", b => Signed(b, $" t={T(Now())} , v1={Sig(b, Now())} "), Expectation.MayAccept),
            new("no-timestamp", b => Signed(b, $"v1={Sig(b, Now())}"), Expectation.MustReject),
            new("header-missing", _ => new HeaderList().With("Content-Type", Json), Expectation.MustReject),
            new("header-empty", b => Signed(b, ""), Expectation.MustReject),
            new("header-garbage", b => Signed(b, "t=,v1=,=,,,=="), Expectation.MustReject),
            new("header-huge", b => Signed(b, $"t={T(Now())}," + string.Concat(Enumerable.Repeat("v1=zz,", 20_000))), Expectation.MustReject),
            new("header-twice-wrong-first", b => Signed(b, Signing.StripeHeader(b, "whsec_other", Now())).With("Stripe-Signature", Signing.StripeHeader(b, c.StripeSecret, Now())), Expectation.MayAccept),
        });
        return Webhook(Stripe, bodies, b => Signed(b, Signing.StripeHeader(b, c.StripeSecret, Now())), changes);
    }

    private static string StripeEvent(int n, string type, long created)
    {
        JsonObject dataObject = type switch
        {
            "checkout.session.completed" => new JsonObject
            {
                ["id"] = $"cs_test_{n}", ["object"] = "checkout.session", ["mode"] = "payment", ["payment_status"] = "paid", ["status"] = "complete",
                ["payment_intent"] = $"pi_{n}", ["locale"] = "de",
                ["customer_details"] = new JsonObject { ["email"] = "jonas@example.com", ["name"] = "Jonas Weber", ["phone"] = "+4930123456" },
            },
            "payment_intent.succeeded" => new JsonObject
            {
                ["id"] = $"pi_{n}", ["object"] = "payment_intent", ["amount"] = 4999, ["currency"] = "eur", ["status"] = "succeeded", ["receipt_email"] = "jonas@example.com",
            },
            _ => new JsonObject
            {
                ["id"] = $"ch_{n}", ["object"] = "charge", ["amount"] = 4999, ["paid"] = true, ["status"] = "succeeded", ["payment_intent"] = $"pi_{n}",
                ["receipt_email"] = "jonas@example.com", ["billing_details"] = new JsonObject { ["email"] = "jonas@example.com", ["name"] = "Jonas Weber" },
                ["shipping"] = new JsonObject { ["name"] = "Jonas Weber", ["carrier"] = "UPS", ["tracking_number"] = "1Z999AA10123456784", ["phone"] = null },
            },
        };
        return new JsonObject
        {
            ["id"] = $"evt_{n}", ["object"] = "event", ["api_version"] = "2025-03-31.basil", ["created"] = created, ["livemode"] = false,
            ["type"] = type, ["data"] = new JsonObject { ["object"] = dataObject },
        }.ToJsonString();
    }

    private static Gen<HostileRequest> ShopifyWebhooks(CorpusContext c)
    {
        HeaderList Headers(byte[] body, string topic, params string[] macs)
        {
            HeaderList h = new HeaderList().With("Content-Type", Json).With("X-Shopify-Topic", topic).With("X-Shopify-Webhook-Id", "wh-" + Signing.Crc32(body));
            foreach (string mac in macs)
            {
                h = h.With("X-Shopify-Hmac-Sha256", mac);
            }

            return h;
        }

        string Mac(byte[] b, string secret) => Convert.ToBase64String(Signing.ShopifyMac(b, secret));
        Gen<byte[]> bodies = Gen.Select(Gen.Long[1, 9_999_999_999], Gen.Int[0, 2]).Select((id, kind) => Encoding.UTF8.GetBytes(kind switch
        {
            0 => ShopifyFulfillment(id, "1Z999AA10123456784"),
            1 => ShopifyFulfillment(id, "9400111899223100000000"),
            _ => ShopifyOrder(id),
        }));

        // The topic follows from the body (a fulfillment has an order_id; the USPS one is an update), mutated bodies included.
        static string TopicOf(byte[] b) =>
            b.AsSpan().IndexOf("\"order_id\""u8) < 0 ? "orders/create" : b.AsSpan().IndexOf("9400111"u8) >= 0 ? "fulfillments/update" : "fulfillments/create";

        Gen<SignatureChange> changes = Gen.OneOf(new SignatureChange[]
        {
            new("other-secret", b => Headers(b, TopicOf(b), Mac(b, "other-secret")), Expectation.MustReject),
            new("mac-hex", b => Headers(b, TopicOf(b), Convert.ToHexStringLower(Signing.ShopifyMac(b, c.ShopifySecret))), Expectation.MustReject),
            new("mac-truncated", b => Headers(b, TopicOf(b), Mac(b, c.ShopifySecret)[..40]), Expectation.MustReject),
            new("mac-of-body-plus-newline", b => Headers(b, TopicOf(b), Mac([.. b, (byte)'\n'], c.ShopifySecret)), Expectation.MustReject),
            new("mac-sha1-length", b => Headers(b, TopicOf(b), Convert.ToBase64String(Signing.ShopifyMac(b, c.ShopifySecret)[..20])), Expectation.MustReject),
            new("mac-urlsafe", b => Headers(b, TopicOf(b), Mac(b, c.ShopifySecret).Replace('+', '-').Replace('/', '_')), Expectation.MayAccept),
            new("mac-no-padding", b => Headers(b, TopicOf(b), Mac(b, c.ShopifySecret).TrimEnd('=')), Expectation.MayAccept),
            new("mac-spaces", b => Headers(b, TopicOf(b), " " + Mac(b, c.ShopifySecret) + " "), Expectation.MayAccept),
            new("mac-twice-wrong-first", b => Headers(b, TopicOf(b), Mac(b, "other"), Mac(b, c.ShopifySecret)), Expectation.MayAccept),
            new("mac-missing", b => Headers(b, TopicOf(b)), Expectation.MustReject),
            new("mac-empty", b => Headers(b, TopicOf(b), ""), Expectation.MustReject),
            new("mac-garbage", b => Headers(b, TopicOf(b), "!!!!not base64!!!!"), Expectation.MustReject),
            new("mac-huge", b => Headers(b, TopicOf(b), new string('A', 100_000)), Expectation.MustReject),
            new("topic-missing", b => Headers(b, TopicOf(b), Mac(b, c.ShopifySecret)).Without("X-Shopify-Topic"), Expectation.MustReject),
            new("topic-unknown", b => Headers(b, "app/uninstalled", Mac(b, c.ShopifySecret)), Expectation.Valid),
            new("topic-markup", b => Headers(b, "<ot-probe>/create", Mac(b, c.ShopifySecret)), Expectation.MayAccept),
            new("topic-mismatch", b => Headers(b, TopicOf(b).StartsWith("orders", StringComparison.Ordinal) ? "fulfillments/create" : "orders/create", Mac(b, c.ShopifySecret)), Expectation.MayAccept),
            new("webhook-id-huge", b => Headers(b, TopicOf(b), Mac(b, c.ShopifySecret)).Replace("X-Shopify-Webhook-Id", new string('w', 50_000)), Expectation.MayAccept),
        });
        return Webhook(Shopify, bodies, b => Headers(b, TopicOf(b), Mac(b, c.ShopifySecret)), changes);
    }

    private static string ShopifyFulfillment(long orderId, string number) => new JsonObject
    {
        ["id"] = orderId + 1, ["order_id"] = orderId, ["name"] = $"#{orderId % 10000}.1", ["status"] = "success", ["created_at"] = "2026-11-22T06:00:00-05:00",
        ["tracking_company"] = "UPS", ["shipment_status"] = null, ["email"] = "ana@example.com",
        ["destination"] = new JsonObject { ["first_name"] = "Ana", ["address1"] = "1 Calle Mayor", ["city"] = "Madrid", ["country_code"] = "ES", ["phone"] = "+34600000000" },
        ["tracking_number"] = number, ["tracking_numbers"] = new JsonArray(number), ["tracking_urls"] = new JsonArray(),
    }.ToJsonString();

    private static string ShopifyOrder(long orderId) => new JsonObject
    {
        ["id"] = orderId, ["name"] = $"#{orderId % 10000}", ["order_number"] = orderId % 10000, ["email"] = "maria@example.com", ["customer_locale"] = "es",
        ["created_at"] = "2026-11-22T06:00:00-05:00", ["financial_status"] = "paid", ["payment_gateway_names"] = new JsonArray("shopify_payments"),
        ["customer"] = new JsonObject { ["first_name"] = "María", ["email"] = "maria@example.com" },
    }.ToJsonString();

    private static Gen<HostileRequest> PayPalWebhooks(CorpusContext c)
    {
        RSA key = c.PayPalKey ?? RSA.Create(2048);
        using RSA other = RSA.Create(2048);
        RSAParameters otherKey = other.ExportParameters(true);
        const string Time = "2026-11-22T10:00:01Z";
        HeaderList Headers(byte[] body, string id, string time, string sig, string certUrl, string algo) => new HeaderList()
            .With("Content-Type", Json).With("PAYPAL-TRANSMISSION-ID", id).With("PAYPAL-TRANSMISSION-TIME", time).With("PAYPAL-CERT-URL", certUrl)
            .With("PAYPAL-AUTH-ALGO", algo).With("PAYPAL-AUTH-VERSION", "v2").With("PAYPAL-TRANSMISSION-SIG", sig);
        string IdOf(byte[] b) => "tx-" + Signing.Crc32(b).ToString(CultureInfo.InvariantCulture);
        HeaderList Signed(byte[] b) => Headers(b, IdOf(b), Time, Signing.PayPal(key, IdOf(b), Time, c.PayPalWebhookId, b), c.PayPalCertUrl, "SHA256withRSA");
        HeaderList SignedWith(byte[] b, Func<HeaderList, HeaderList> change) => change(Signed(b));

        Gen<byte[]> bodies = Gen.Select(Gen.Int[1, 1_000_000], Gen.OneOf("PAYMENT.CAPTURE.COMPLETED", "CHECKOUT.ORDER.APPROVED", "BILLING.SUBSCRIPTION.CREATED"))
            .Select((n, type) => Encoding.UTF8.GetBytes(PayPalEvent(n, type)));
        Gen<SignatureChange> changes = Gen.OneOf(new SignatureChange[]
        {
            new("other-key", b =>
            {
                using RSA k = RSA.Create(otherKey);
                return Headers(b, IdOf(b), Time, Signing.PayPal(k, IdOf(b), Time, c.PayPalWebhookId, b), c.PayPalCertUrl, "SHA256withRSA");
            }, Expectation.MustReject),
            new("other-webhook-id", b => Headers(b, IdOf(b), Time, Signing.PayPal(key, IdOf(b), Time, "WH-OTHER", b), c.PayPalCertUrl, "SHA256withRSA"), Expectation.MustReject),
            new("transmission-id-changed", b => SignedWith(b, h => h.Replace("PAYPAL-TRANSMISSION-ID", "tx-other")), Expectation.MustReject),
            new("transmission-time-changed", b => SignedWith(b, h => h.Replace("PAYPAL-TRANSMISSION-TIME", "2026-11-22T10:00:02Z")), Expectation.MustReject),
            new("algo-sha1", b => SignedWith(b, h => h.Replace("PAYPAL-AUTH-ALGO", "SHA1withRSA")), Expectation.MustReject),
            new("algo-none", b => SignedWith(b, h => h.Replace("PAYPAL-AUTH-ALGO", "none")), Expectation.MustReject),
            new("algo-lowercase", b => SignedWith(b, h => h.Replace("PAYPAL-AUTH-ALGO", "sha256withrsa")), Expectation.MayAccept),
            new("sig-not-base64", b => SignedWith(b, h => h.Replace("PAYPAL-TRANSMISSION-SIG", "%%%not-base64%%%")), Expectation.MustReject),
            new("sig-truncated", b => SignedWith(b, h => h.Replace("PAYPAL-TRANSMISSION-SIG", h.First(x => x.Key == "PAYPAL-TRANSMISSION-SIG").Value[..40])), Expectation.MustReject),
            new("sig-huge", b => SignedWith(b, h => h.Replace("PAYPAL-TRANSMISSION-SIG", Convert.ToBase64String(new byte[60_000]))), Expectation.MustReject),
            new("sig-missing", b => SignedWith(b, h => h.Without("PAYPAL-TRANSMISSION-SIG")), Expectation.MustReject),
            new("id-missing", b => SignedWith(b, h => h.Without("PAYPAL-TRANSMISSION-ID")), Expectation.MustReject),
            new("time-missing", b => SignedWith(b, h => h.Without("PAYPAL-TRANSMISSION-TIME")), Expectation.MustReject),
            new("cert-url-missing", b => SignedWith(b, h => h.Without("PAYPAL-CERT-URL")), Expectation.MustReject),
            new("cert-url-http", b => SignedWith(b, h => h.Replace("PAYPAL-CERT-URL", c.PayPalCertUrl.Replace("https://", "http://", StringComparison.Ordinal))), Expectation.MustReject),
            new("cert-url-other-host", b => SignedWith(b, h => h.Replace("PAYPAL-CERT-URL", "https://evil.example/v1/notifications/certs/CERT-1")), Expectation.MustReject),
            new("cert-url-suffix-host", b => SignedWith(b, h => h.Replace("PAYPAL-CERT-URL", "https://api.sandbox.paypal.com.evil.example/v1/notifications/certs/CERT-1")), Expectation.MustReject),
            new("cert-url-userinfo", b => SignedWith(b, h => h.Replace("PAYPAL-CERT-URL", "https://api.sandbox.paypal.com@evil.example/v1/notifications/certs/CERT-1")), Expectation.MustReject),
            new("cert-url-ip", b => SignedWith(b, h => h.Replace("PAYPAL-CERT-URL", "https://169.254.169.254/latest/meta-data")), Expectation.MustReject),
            new("cert-url-file", b => SignedWith(b, h => h.Replace("PAYPAL-CERT-URL", "file:///etc/passwd")), Expectation.MustReject),
            new("cert-url-live-host-in-sandbox", b => SignedWith(b, h => h.Replace("PAYPAL-CERT-URL", "https://api.paypal.com/v1/notifications/certs/CERT-1")), Expectation.MustReject),
            new("cert-url-huge", b => SignedWith(b, h => h.Replace("PAYPAL-CERT-URL", c.PayPalCertUrl + "?" + new string('a', 50_000))), Expectation.MayAccept),
        });
        Gen<HostileRequest> all = Webhook(PayPal, bodies, Signed, changes);
        return c.PayPalKey is null ? all.Select(r => r with { Mutation = r.Mutation + " (PayPal not set up)", Expect = Expectation.MustReject }) : all;
    }

    private static string PayPalEvent(int n, string type) => new JsonObject
    {
        ["id"] = $"WH-EVT-{n}", ["event_version"] = "1.0", ["create_time"] = "2026-11-22T10:00:00.000Z", ["resource_type"] = "capture", ["event_type"] = type,
        ["resource"] = new JsonObject
        {
            ["id"] = $"CAP-{n}", ["status"] = "COMPLETED", ["amount"] = new JsonObject { ["currency_code"] = "USD", ["value"] = "49.99" },
            ["supplementary_data"] = new JsonObject { ["related_ids"] = new JsonObject { ["order_id"] = $"ORDER-{n}" } },
        },
    }.ToJsonString();

    // ---- JSON APIs -------------------------------------------------------------------------------------------------

    private static Gen<HostileRequest> JsonApi(string endpoint, Gen<byte[]> bodies, Func<MutatedBody, Expectation> bodyExpectation, Gen<(string Name, byte[] Body, Expectation Expect)> fieldCases)
    {
        HeaderList Headers() => new HeaderList().With("Content-Type", Json);
        HostileRequest Make(string mutation, byte[] body, HeaderList headers, Expectation expect) =>
            new(endpoint, mutation, "POST", "/api/" + endpoint, "", headers, body, expect);
        return Gen.Frequency(
            (2, bodies.Select(b => Make("valid", b, Headers(), Expectation.Valid))),
            (2, Gen.Select(bodies, HeaderMutations.Noise).Select((b, n) => Make(n.Name, b, n.Apply(Headers()), Expectation.Valid))),
            (8, bodies.SelectMany(b => BodyMutations.Of(b).Select(m => Make(m.Name, m.Body, Headers(), bodyExpectation(m))))),
            (5, fieldCases.Select(f => Make(f.Name, f.Body, Headers(), f.Expect))),
            (2, Gen.Select(bodies, HeaderMutations.ContentType).Select((b, c) =>
                Make(c.Name, b, c.Apply(Headers()), c.Rejects switch { true => Expectation.MustReject, false => Expectation.Valid, null => Expectation.MayAccept }))));
    }

    private static Gen<HostileRequest> Registrations()
    {
        Gen<byte[]> bodies = Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[0, 2]).Select((n, kind) => Encoding.UTF8.GetBytes(new JsonObject
        {
            ["orderId"] = $"H-{n}",
            ["email"] = "ana@example.com",
            ["name"] = "Ana",
            ["locale"] = kind == 1 ? "es" : "en",
            ["phone"] = kind == 2 ? "+14155550100" : null,
            ["sms"] = kind == 2,
            ["shipments"] = new JsonArray(new JsonObject { ["carrier"] = kind == 1 ? "usps" : "ups", ["trackingNumber"] = kind == 1 ? "9400111899223100000000" : "1Z999AA10123456784" }),
        }.ToJsonString()));

        // The fields a merchant's backend fills, each given something hostile; the validator must say 400, not fail.
        Gen<(string, byte[], Expectation)> fields = Gen.Select(
            Gen.OneOf("orderId", "orderKey", "email", "name", "locale", "phone", "carrier", "trackingNumber", "trackingUrl", "replaces"),
            Gen.Frequency(
                (3, BodyMutations.Markup),
                (2, Gen.OneOf("\"a/b\"", "\"..\\\\..\"", "\"a\\u0000b\"", "\"#1\"", "\"?x=1\"", "\"api:\"", "\"shopify:\"", "\"x:y:z\"", "\"\\ud800\"", "\"\"", "\" \"", "null", "[]", "{}", "12", "true")),
                (1, Gen.Int[100, 20_000].Select(n => "\"" + new string('1', n) + "\""))),
            Gen.Int[1, 1_000_000]).Select((field, value, n) =>
            {
                string shipment = field switch
                {
                    "carrier" => $"{{\"carrier\":{value},\"trackingNumber\":\"1Z999AA10123456784\"}}",
                    "trackingNumber" => $"{{\"carrier\":\"ups\",\"trackingNumber\":{value}}}",
                    "trackingUrl" => $"{{\"carrier\":\"ups\",\"trackingNumber\":\"1Z999AA10123456784\",\"trackingUrl\":{value}}}",
                    "replaces" => $"{{\"carrier\":\"ups\",\"trackingNumber\":\"1Z999AA10123456784\",\"replaces\":{value}}}",
                    _ => "{\"carrier\":\"ups\",\"trackingNumber\":\"1Z999AA10123456784\"}",
                };
                string order = field switch
                {
                    "orderId" => $"\"orderId\":{value}",
                    "orderKey" => $"\"orderKey\":{value}",
                    _ => $"\"orderId\":\"F-{n}\"",
                };
                string other = field is "email" or "name" or "locale" or "phone" ? $",\"{field}\":{value}" : "";
                return ($"field-{field}={HeaderMutations.Clip(value)}", Encoding.UTF8.GetBytes($"{{{order}{other},\"shipments\":[{shipment}]}}"), Expectation.MayAccept);
            });
        Gen<(string, byte[], Expectation)> counts = Gen.Int[0, 300].Select(k => ($"shipments-{k}",
            Encoding.UTF8.GetBytes("{\"orderId\":\"C-" + k + "\",\"shipments\":[" + string.Join(',', Enumerable.Range(0, k).Select(i => $"{{\"carrier\":\"ups\",\"trackingNumber\":\"1Z999AA1012345{i:0000}\"}}")) + "]}"),
            Expectation.MayAccept));
        return JsonApi(Shipments, bodies, m => m.Unparseable ? Expectation.MustReject : Expectation.MayAccept, Gen.Frequency((4, fields), (1, counts)));
    }

    private static Gen<HostileRequest> Lookups(CorpusContext c)
    {
        string Pair(string number, string email) => $"{{\"orderNumber\":{number},\"email\":{email}}}";
        string S(string s) => System.Text.Json.JsonSerializer.Serialize(s);
        Gen<byte[]> bodies = Gen.OneOf(c.OrderNumber, c.OrderNumber.TrimStart('#'), " " + c.OrderNumber.ToLowerInvariant() + " ")
            .Select(n => Encoding.UTF8.GetBytes(Pair(S(n), S(c.Email))));
        Gen<(string, byte[], Expectation)> fields = Gen.Select(Gen.Bool, Gen.Frequency(
                (3, BodyMutations.Markup),
                (2, Gen.OneOf("\"\"", "null", "[]", "{}", "12", "true", "\"@\"", "\"a@\"", "\"@b\"", "\"\\u0000@x\"", "\"#\"", "\" # \"", "\"\\ud800\"", "\"%00\"")),
                (1, Gen.Int[60, 5_000].Select(n => "\"" + new string('7', n) + "@x\"")))).Select((number, value) =>
                ($"field-{(number ? "orderNumber" : "email")}={HeaderMutations.Clip(value)}",
                 Encoding.UTF8.GetBytes(number ? Pair(value, S(c.Email)) : Pair(S(c.OrderNumber), value)), Expectation.MayAccept));
        Gen<(string, byte[], Expectation)> wrongPair = Gen.OneOf(
            ("other-email", Encoding.UTF8.GetBytes(Pair(S(c.OrderNumber), S("eve@example.com"))), Expectation.MustReject),
            ("other-number", Encoding.UTF8.GetBytes(Pair(S("#999999"), S(c.Email))), Expectation.MustReject),
            ("email-with-suffix", Encoding.UTF8.GetBytes(Pair(S(c.OrderNumber), S(c.Email + ".evil"))), Expectation.MustReject));
        return JsonApi(Lookup, bodies, m => m.Unparseable ? Expectation.MustReject : Expectation.MayAccept, Gen.Frequency((4, fields), (1, wrongPair)));
    }

    // ---- reads and pages -------------------------------------------------------------------------------------------

    /// <summary>An order key segment as it would appear on the wire (escaped), hostile in every way a path can be.</summary>
    private static Gen<(string Name, string Raw)> HostileKeys(string orderKey) => Gen.Frequency(
        (3, Gen.OneOf(
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2F", "api:..", "api:%2e%2e", "api:a%2Fb", "api:a%5Cb", "api:a%00b", "api:a%0d%0aSet-Cookie:x=1", "api:%E2%80%AE",
            "api:%ff%fe", "api:%c0%af", "api:a%3Cot-probe%3E", "shopify:", ":x", "api", "API:" + orderKey[4..], "evil:1", "api:%20", "%00", "api:a?b", "api:a%23b",
            "api:a%25", "api:%u0041", "api:" + new string('a', 300), Uri.EscapeDataString(orderKey) + "%00", Uri.EscapeDataString(orderKey + " "))
            .Select(k => ("key " + HeaderMutations.Clip(k), k))),
        (1, Gen.Int[200, 6_000].Select(n => ($"key-{n}-chars", "api:" + new string('k', n)))));

    private static Gen<(string Name, string Raw)> HostileTokens(CorpusContext c) => Gen.Frequency(
        (3, Gen.Int[0, c.Token.Length - 1].Select(i => ($"token-char-{i}-changed", Uri.EscapeDataString(c.Token[..i] + (c.Token[i] == 'A' ? 'B' : 'A') + c.Token[(i + 1)..])))),
        (2, Gen.Int[0, c.Token.Length - 1].Select(i => ($"token-truncated-{i}", Uri.EscapeDataString(c.Token[..i])))),
        (2, Gen.Int[0, c.BadTokens.Count - 1].Select(i => ($"bad-token-{i}", Uri.EscapeDataString(c.BadTokens[i])))),
        (2, Gen.OneOf("", "%00", "a%2Fb", "%3Cot-probe%3E", "..%2F", new string('A', 10_000), Uri.EscapeDataString(c.Token) + "%00", Uri.EscapeDataString(c.Token) + "&token=x",
            "x&token=" + Uri.EscapeDataString(c.Token), Uri.EscapeDataString(c.Token.ToUpperInvariant()), "%ff%fe", Uri.EscapeDataString(c.Token + "."))
            .Select(t => ("token " + HeaderMutations.Clip(t), t))));

    private static Gen<HostileRequest> TrackingReads(CorpusContext c)
    {
        string key = Uri.EscapeDataString(c.OrderKey);
        string token = Uri.EscapeDataString(c.Token);
        HostileRequest Get(string mutation, string rawKey, string query, HeaderList headers, Expectation expect, string method = "GET") =>
            new(Tracking, mutation, method, "/api/tracking/" + rawKey, query, headers, null, expect);
        return Gen.Frequency(
            (2, Gen.Const(Get("valid", key, "?token=" + token, [], Expectation.Valid))),
            (3, HeaderMutations.Noise.Select(n => Get(n.Name, key, "?token=" + token, n.Apply([]), Expectation.Valid))),
            (5, HostileTokens(c).Select(t => Get(t.Name, key, "?token=" + t.Raw, [], Expectation.MustReject))),
            (1, Gen.Const(Get("token-missing", key, "", [], Expectation.MustReject))),
            (4, HostileKeys(c.OrderKey).Select(k => Get(k.Name, k.Raw, "?token=" + token, [], Expectation.MustReject))),
            (1, Gen.Const(Get("preflight", key, "", new HeaderList().With("Origin", "https://evil.example").With("Access-Control-Request-Method", "GET"), Expectation.Valid, "OPTIONS"))));
    }

    private static Gen<HostileRequest> SyncReads(CorpusContext c) =>
        HostileKeys(c.OrderKey).Select(k => new HostileRequest(SyncStatus, k.Name, "GET", "/api/ops/sync/" + k.Raw, "", [], null, Expectation.MustReject));

    /// <summary>Replay and discard on hostile queue names and counts; on a real queue with a good count, a 200 (the poison queues are empty here).</summary>
    /// <summary>
    /// KPI and dashboard queries: valid ranges and filters must answer 2xx; a malformed day, a reversed or too long
    /// range, an unknown carrier or source must be a 4xx; markup and control characters in any value are never echoed.
    /// </summary>
    private static Gen<HostileRequest> KpiQueries(CorpusContext c, string endpoint)
    {
        string path = "/api/" + endpoint;
        DateOnly today = DateOnly.FromDateTime(c.Clock().UtcDateTime);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Gen<string> carriers = Gen.OneOf("ups", "fedex", "usps", "dhl", "sandbox");
        Gen<string> sources = Gen.OneOf("shopify", "stripe", "paypal", "api");
        // Mostly short ranges, some up to the 366-day maximum: a day is one storage query, and the run stays short.
        Gen<string> valid = Gen.Select(Gen.Int[0, 365], Gen.Frequency((6, Gen.Int[0, 14]), (1, Gen.Int[15, 365])), carriers, sources, Gen.Int[0, 3]).Select((a, len, carrier, source, shape) =>
        {
            DateOnly to = today.AddDays(-a), from = to.AddDays(-Math.Min(len, 365));
            return shape switch
            {
                0 => $"?from={D(from)}&to={D(to)}",
                1 => $"?from={D(from)}&to={D(to)}&carrier={carrier}",
                2 => $"?to={D(to)}&source={source}",
                _ => "",
            };
        });
        Gen<string> badValues = Gen.OneOf(HostileRequest.Probes).Select(Uri.EscapeDataString);
        Gen<string> invalid = Gen.Select(badValues, Gen.Int[0, 6]).Select((bad, shape) => shape switch
        {
            0 => $"?from={bad}",
            1 => $"?to={bad}",
            2 => $"?carrier={bad}",
            3 => $"?source={bad}",
            4 => $"?from={D(today)}&to={D(today.AddDays(-1))}",
            5 => $"?from={D(today.AddDays(-400))}&to={D(today)}",
            _ => "?from=2026-02-30",
        });
        Gen<string> noise = Gen.Select(badValues, badValues).Select((k, v) => $"?{k}={v}&lang={v}");
        return Gen.Frequency(
            (3, valid.Select(q => new HostileRequest(endpoint, "valid " + q, "GET", path, q, [], null, Expectation.Valid))),
            (3, invalid.Select(q => new HostileRequest(endpoint, "invalid " + HeaderMutations.Clip(q), "GET", path, q, [], null, Expectation.MustReject))),
            (1, noise.Select(q => new HostileRequest(endpoint, "unknown parameters", "GET", path, q, [], null, Expectation.Valid))),
            (2, Gen.Select(valid, HeaderMutations.Noise).Select((q, n) => new HostileRequest(endpoint, n.Name, "GET", path, q, n.Apply([]), null, Expectation.Valid))));
    }

    private static Gen<HostileRequest> PoisonActions()
    {
        Gen<string> actions = Gen.OneOf("replay", "discard");
        Gen<string> goodQueues = Gen.OneOf("inbound-events", "poll-requests", "notifications", "platform-sync");
        Gen<string> badQueues = Gen.OneOf("inbound-events-poison", "INBOUND-EVENTS", "..%2F..", "%00", "a%2Fb", "%3Cot-probe%3E", "x", new string('q', 300), "inbound-events%00");
        Gen<(string Query, bool Good)> max = Gen.Frequency(
            (3, Gen.Int[1, 1000].Select(n => ($"?max={n}", true))),
            (1, Gen.Const(("", true))),
            (3, Gen.OneOf("?max=0", "?max=-1", "?max=1001", "?max=99999999999", "?max=abc", "?max=1e3", "?max=%00", "?max=+5", "?max= 5", "?max=").Select(q => (q, false))));
        HostileRequest Make(string mutation, string queue, string action, string query, Expectation expect) =>
            new(PoisonAction, mutation, "POST", $"/api/ops/poison/{queue}/{action}", query, [], null, expect);
        return Gen.Frequency(
            (2, Gen.Select(goodQueues, actions, max).Select((q, a, m) => Make($"queue {q} {a} {m.Query}", q, a, m.Query, m.Good ? Expectation.Valid : Expectation.MustReject))),
            (3, Gen.Select(badQueues, actions).Select((q, a) => Make($"bad queue {HeaderMutations.Clip(q)}", q, a, "", Expectation.MustReject))),
            (1, Gen.Select(goodQueues, Gen.OneOf("REPLAY", "Discard", "delete", "replay.", "")).Select((q, a) => Make($"bad action '{a}'", q, a, "", Expectation.MustReject))));
    }

    private static Gen<HostileRequest> Unsubscribes(CorpusContext c)
    {
        string key = Uri.EscapeDataString(c.OrderKey);
        string token = Uri.EscapeDataString(c.Token);
        HostileRequest Make(string mutation, string method, string query, Expectation expect) =>
            new(Unsubscribe, mutation, method, "/api/unsubscribe", query, [], null, expect);
        Gen<string> methods = Gen.OneOf("GET", "POST");
        return Gen.Frequency(
            (1, methods.Select(m => Make("valid", m, $"?orderKey={key}&token={token}", Expectation.Valid))),
            (4, Gen.Select(methods, HostileTokens(c)).Select((m, t) => Make(t.Name, m, $"?orderKey={key}&token={t.Raw}", Expectation.MustReject))),
            (4, Gen.Select(methods, HostileKeys(c.OrderKey)).Select((m, k) => Make(k.Name, m, $"?orderKey={k.Raw}&token={token}", Expectation.MustReject))),
            (2, Gen.Select(methods, Gen.OneOf(HostileRequest.Probes)).Select((m, p) =>
                Make("markup-in-query", m, $"?orderKey={Uri.EscapeDataString(p)}&token={Uri.EscapeDataString(p)}", Expectation.MustReject))));
    }

    /// <summary>The pages and assets: whatever the query and headers, a 200, and no markup from the query in the HTML.</summary>
    private static Gen<HostileRequest> Pages(CorpusContext c, string endpoint)
    {
        string path = "/api/" + endpoint;
        Gen<string> values = Gen.Frequency(
            (3, Gen.OneOf(HostileRequest.Probes).Select(Uri.EscapeDataString)),
            (2, Gen.OneOf("%00", "%ff", "%c0%af", "%0d%0aX:1", "%E2%80%AE", "es", "en", "ES", "es-MX", "", "..%2F", "%26lang%3Des")),
            (1, Gen.Const(Uri.EscapeDataString(c.Token))),
            (1, Gen.Int[100, 8_000].Select(n => new string('q', n))));
        Gen<string> queries = Gen.Select(values, values, values, Gen.Int[0, 3]).Select((k, t, l, shape) => shape switch
        {
            0 => $"?orderKey={k}&token={t}&lang={l}",
            1 => $"?orderKey={k}&orderKey={t}&lang={l}&lang={k}",
            2 => $"?{k}={t}&{l}",
            _ => "",
        });
        return Gen.Frequency(
            (1, Gen.Const(new HostileRequest(endpoint, "valid", "GET", path, endpoint == Track ? $"?orderKey={Uri.EscapeDataString(c.OrderKey)}&token={Uri.EscapeDataString(c.Token)}" : "", [], null, Expectation.Valid))),
            (5, queries.Select(q => new HostileRequest(endpoint, "query " + HeaderMutations.Clip(q), "GET", path, q, [], null, Expectation.Valid))),
            (2, Gen.Select(queries, HeaderMutations.Noise).Select((q, n) => new HostileRequest(endpoint, n.Name, "GET", path, q, n.Apply([]), null, Expectation.Valid))));
    }
}
