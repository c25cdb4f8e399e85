using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Benchmarks.Webhooks;

/// <summary>Unique, signed Shopify <c>fulfillments/create</c> deliveries (reference §9.1, §9.3), one new order per request.</summary>
internal static class SignedShopifyRequests
{
    public const string Secret = "webhook-load-shopify-secret";

    private static long s_next = 7_000_000;

    public static HttpRequestMessage Next()
    {
        long order = Interlocked.Increment(ref s_next);
        string body = Body(order);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/shopify")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))));
        request.Headers.Add("X-Shopify-Topic", "fulfillments/create");
        request.Headers.Add("X-Shopify-Shop-Domain", "load.myshopify.com");
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>A realistic fulfillment (~1 KB), sandbox carrier so ingestion never leaves the machine.</summary>
    public static string Body(long order) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"id":{{order + 1_000_000}},"admin_graphql_api_id":"gid://shopify/Fulfillment/{{order + 1_000_000}}","order_id":{{order}},"name":"#{{order % 10000}}.1","status":"success","created_at":"2026-11-22T06:00:00-05:00","updated_at":"2026-11-22T06:00:00-05:00","service":"manual","tracking_company":"Sandbox","shipment_status":null,"email":"load@example.com","destination":{"first_name":"Ana","last_name":"García","address1":"1 Calle Mayor","city":"Madrid","zip":"28013","country_code":"ES","phone":"+34 600 000 000"},"tracking_number":"SBX4LOAD{{order}}","tracking_numbers":["SBX4LOAD{{order}}"],"tracking_url":null,"tracking_urls":[],"line_items":[{"id":1,"title":"Mug","quantity":1,"sku":"MUG-1","variant_id":39072856,"price":"19.00"}]}
        """);
}
