using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OrderTracking.IntegrationTests.Infrastructure;

/// <summary>Builds and signs Shopify webhooks the way Shopify does (reference §9.1: base64 HMAC-SHA256 of the raw body).</summary>
internal static class ShopifyWebhooks
{
    public static string Fulfillment(long orderId, long fulfillmentId, string trackingNumber, string? company = "Sandbox", string email = "ana@example.com")
    {
        var body = new JsonObject
        {
            ["id"] = fulfillmentId,
            ["admin_graphql_api_id"] = $"gid://shopify/Fulfillment/{fulfillmentId}",
            ["order_id"] = orderId,
            ["name"] = $"#{orderId % 10000}.1",
            ["status"] = "success",
            ["created_at"] = "2026-11-22T06:00:00-05:00",
            ["updated_at"] = "2026-11-22T06:00:00-05:00",
            ["service"] = "manual",
            ["tracking_company"] = company,
            ["shipment_status"] = null,
            ["email"] = email,
            ["destination"] = new JsonObject { ["first_name"] = "Ana", ["last_name"] = "García", ["address1"] = "1 Calle Mayor", ["city"] = "Madrid", ["zip"] = "28013", ["country_code"] = "ES", ["phone"] = "+34 600 000 000" },
            ["tracking_number"] = trackingNumber,
            ["tracking_numbers"] = new JsonArray(trackingNumber),
            ["tracking_url"] = null,
            ["tracking_urls"] = new JsonArray(),
            ["line_items"] = new JsonArray(new JsonObject { ["id"] = 1, ["title"] = "Mug", ["quantity"] = 1 }),
        };
        return body.ToJsonString();
    }

    public static HttpRequestMessage Request(string body, string topic = "fulfillments/create", string? webhookId = null, string secret = FunctionAppFixture.ShopifySecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/shopify")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Shopify-Hmac-Sha256", Sign(body, secret));
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Shop-Domain", "example.myshopify.com");
        request.Headers.Add("X-Shopify-API-Version", "2025-10");
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId ?? Guid.NewGuid().ToString());
        return request;
    }

    public static string Sign(string body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
