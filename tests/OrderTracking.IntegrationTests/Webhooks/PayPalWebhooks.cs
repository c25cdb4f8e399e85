using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OrderTracking.IntegrationTests.Webhooks;

/// <summary>PayPal webhook deliveries (reference §5.2 headers, §6 shapes) and the Orders v2 resource the stub serves.</summary>
internal static class PayPalWebhooks
{
    public const string SandboxCertUrl = "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77";

    /// <summary>A <c>PAYMENT.CAPTURE.COMPLETED</c> event: a Capture resource pointing at its order (§6).</summary>
    public static string CaptureCompleted(string eventId, string orderId, string captureId, string type = "PAYMENT.CAPTURE.COMPLETED") => new JsonObject
    {
        ["id"] = eventId,
        ["event_version"] = "1.0",
        ["create_time"] = "2026-11-22T10:00:00.000Z",
        ["resource_type"] = "capture",
        ["resource_version"] = "2.0",
        ["event_type"] = type,
        ["summary"] = "Payment completed for $ 49.99 USD",
        ["resource"] = new JsonObject
        {
            ["id"] = captureId,
            ["status"] = "COMPLETED",
            ["amount"] = new JsonObject { ["currency_code"] = "USD", ["value"] = "49.99" },
            ["final_capture"] = true,
            ["supplementary_data"] = new JsonObject { ["related_ids"] = new JsonObject { ["order_id"] = orderId } },
            ["links"] = new JsonArray(
                new JsonObject { ["href"] = $"https://api.sandbox.paypal.com/v2/payments/captures/{captureId}", ["rel"] = "self", ["method"] = "GET" },
                new JsonObject { ["href"] = $"https://api.sandbox.paypal.com/v2/checkout/orders/{orderId}", ["rel"] = "up", ["method"] = "GET" }),
        },
        ["links"] = new JsonArray(),
    }.ToJsonString();

    /// <summary>The Orders v2 resource after capture (§6): payer, shipping name and address, the capture.</summary>
    public static JsonObject Order(string orderId, string captureId, string email) => new()
    {
        ["id"] = orderId,
        ["intent"] = "CAPTURE",
        ["status"] = "COMPLETED",
        ["payer"] = new JsonObject { ["email_address"] = email, ["payer_id"] = "QYR5Z8XDVJNXQ", ["name"] = new JsonObject { ["given_name"] = "John", ["surname"] = "Doe" } },
        ["purchase_units"] = new JsonArray(new JsonObject
        {
            ["reference_id"] = "default",
            ["amount"] = new JsonObject { ["currency_code"] = "USD", ["value"] = "49.99" },
            ["shipping"] = new JsonObject
            {
                ["name"] = new JsonObject { ["full_name"] = "John Doe" },
                ["address"] = new JsonObject { ["address_line_1"] = "1 Main St", ["admin_area_2"] = "San Jose", ["admin_area_1"] = "CA", ["postal_code"] = "95131", ["country_code"] = "US" },
            },
            ["payments"] = new JsonObject { ["captures"] = new JsonArray(new JsonObject { ["id"] = captureId, ["status"] = "COMPLETED" }) },
        }),
    };

    public static HttpRequestMessage Request(string body, string transmissionId, string certUrl = SandboxCertUrl, string contentType = "application/json", bool signed = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/paypal")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
        request.Headers.Add("PAYPAL-TRANSMISSION-ID", transmissionId);
        request.Headers.Add("PAYPAL-TRANSMISSION-TIME", "2026-11-22T10:00:01Z");
        request.Headers.Add("PAYPAL-CERT-URL", certUrl);
        request.Headers.Add("PAYPAL-AUTH-ALGO", "SHA256withRSA");
        request.Headers.Add("PAYPAL-AUTH-VERSION", "v2");
        if (signed)
        {
            // Any base64 value: in api mode the verify-webhook-signature stub decides (by transmission id).
            request.Headers.Add("PAYPAL-TRANSMISSION-SIG", Convert.ToBase64String(Encoding.UTF8.GetBytes("sig-" + transmissionId)));
        }

        return request;
    }
}
