using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OrderTracking.Core.Security;

namespace OrderTracking.DevHost.Demo;

/// <summary>
/// The run command's demo (issue 3 item 5): sends one signed Shopify <c>fulfillments/create</c> webhook for a sandbox
/// <c>SBX4…</c> shipment through the real endpoint and prints the tracking URL with a valid read token, so a newcomer
/// watches an order go from label created to delivered.
/// </summary>
internal sealed class DemoSeeder(HttpClient client, IReadOnlyDictionary<string, string?> settings, TimeProvider time)
{
    public async Task<DemoOrder> SeedAsync(CancellationToken cancellationToken)
    {
        string secret = FirstOf("Shopify:WebhookSecrets")
            ?? throw new InvalidOperationException("The demo needs Shopify:WebhookSecrets (see local.settings.sample.json).");
        string tokenKey = FirstOf("Tracking:ReadTokenKey")
            ?? throw new InvalidOperationException("The demo needs Tracking:ReadTokenKey (see local.settings.sample.json).");

        long orderId = time.GetUtcNow().ToUnixTimeSeconds();
        string trackingNumber = "SBX4" + (orderId % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        string body = Payload(orderId, trackingNumber);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/shopify")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        request.Headers.Add("X-Shopify-Topic", "fulfillments/create");
        request.Headers.Add("X-Shopify-Shop-Domain", "demo.myshopify.com");
        request.Headers.Add("X-Shopify-API-Version", "2025-10");
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        using HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The demo webhook was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        string orderKey = $"shopify:{orderId.ToString(CultureInfo.InvariantCulture)}";
        string token = ReadToken.Mint(tokenKey, orderKey, time.GetUtcNow().AddDays(7));
        var trackingUrl = new Uri(client.BaseAddress!, $"api/tracking/{orderKey}?token={Uri.EscapeDataString(token)}");
        var pageUrl = new Uri(client.BaseAddress!, $"api/track?orderKey={Uri.EscapeDataString(orderKey)}&token={Uri.EscapeDataString(token)}");
        return new DemoOrder(orderKey, trackingNumber, trackingUrl, pageUrl);
    }

    private string? FirstOf(string key)
    {
        string? value = settings.TryGetValue(key, out string? v) ? v : settings.TryGetValue(key.Replace(":", "__", StringComparison.Ordinal), out v) ? v : null;
        return value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
    }

    private static string Payload(long orderId, string trackingNumber) => new JsonObject
    {
        ["id"] = orderId + 1,
        ["admin_graphql_api_id"] = $"gid://shopify/Fulfillment/{orderId + 1}",
        ["order_id"] = orderId,
        ["name"] = "#1001.1",
        ["status"] = "success",
        ["created_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["updated_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["tracking_company"] = "Sandbox",
        ["tracking_number"] = trackingNumber,
        ["tracking_numbers"] = new JsonArray(trackingNumber),
        ["tracking_url"] = null,
        ["tracking_urls"] = new JsonArray(),
        ["shipment_status"] = null,
        ["email"] = "demo.customer@example.com",
        ["line_items"] = new JsonArray(new JsonObject { ["id"] = 1, ["title"] = "Demo mug", ["quantity"] = 1 }),
    }.ToJsonString();
}
