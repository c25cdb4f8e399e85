using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Webhooks;

/// <summary>Stripe events (reference §1.4, §2) signed as Stripe signs them: <c>t=…,v1=hex(HMAC-SHA256(secret, "{t}.{body}"))</c> (§1.1).</summary>
internal static class StripeWebhooks
{
    public static string Event(string eventId, string type, JsonObject dataObject) => new JsonObject
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["api_version"] = "2025-03-31.basil",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = dataObject },
    }.ToJsonString();

    /// <summary>A Checkout Session in <c>payment</c> mode, paid, with collected shipping details (basil API).</summary>
    public static JsonObject CheckoutSession(string sessionId, string paymentIntent, string email) => new()
    {
        ["id"] = sessionId,
        ["object"] = "checkout.session",
        ["mode"] = "payment",
        ["payment_status"] = "paid",
        ["status"] = "complete",
        ["payment_intent"] = paymentIntent,
        ["locale"] = "de",
        ["customer_details"] = new JsonObject { ["email"] = email, ["name"] = "Jonas Weber", ["address"] = new JsonObject { ["country"] = "DE" } },
        ["collected_information"] = new JsonObject
        {
            ["shipping_details"] = new JsonObject { ["name"] = "Jonas Weber", ["address"] = new JsonObject { ["line1"] = "Hauptstr. 1", ["city"] = "Berlin", ["postal_code"] = "10115", ["country"] = "DE" } },
        },
    };

    /// <summary>A Charge with <c>shipping.carrier</c> and <c>shipping.tracking_number</c> (what <c>charge.updated</c> carries, §2).</summary>
    public static JsonObject Charge(string chargeId, string paymentIntent, string? carrier, string? trackingNumbers, string email = "jonas@example.com") => new()
    {
        ["id"] = chargeId,
        ["object"] = "charge",
        ["amount"] = 4999,
        ["currency"] = "eur",
        ["paid"] = true,
        ["status"] = "succeeded",
        ["payment_intent"] = paymentIntent,
        ["receipt_email"] = email,
        ["billing_details"] = new JsonObject { ["email"] = email, ["name"] = "Jonas Weber" },
        ["shipping"] = new JsonObject
        {
            ["name"] = "Jonas Weber",
            ["carrier"] = carrier,
            ["tracking_number"] = trackingNumbers,
            ["phone"] = null,
            ["address"] = new JsonObject { ["line1"] = "Hauptstr. 1", ["city"] = "Berlin", ["postal_code"] = "10115", ["country"] = "DE" },
        },
    };

    public static HttpRequestMessage Request(string body, string secret = FunctionAppFixture.StripeSecret, DateTimeOffset? signedAt = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/stripe")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
        request.Headers.Add("Stripe-Signature", Header(body, secret, signedAt ?? DateTimeOffset.UtcNow));
        return request;
    }

    public static string Header(string body, string secret, DateTimeOffset signedAt)
    {
        string t = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
