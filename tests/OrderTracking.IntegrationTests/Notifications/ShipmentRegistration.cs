using System.Net;
using System.Text;
using System.Text.Json;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>Registers an order with one sandbox shipment through <c>POST /api/shipments</c> (DESIGN §9).</summary>
internal static class ShipmentRegistration
{
    /// <summary>Registers <c>api:{orderId}</c> and returns its order key.</summary>
    public static async Task<string> RegisterAsync(
        HttpClient client, string orderId, string trackingNumber, string? email, string? locale = null, string? name = "Ana", string? phone = null, bool? sms = null)
    {
        var body = new
        {
            orderId,
            email,
            name,
            locale,
            phone,
            sms,
            shipments = new[] { new { carrier = "sandbox", trackingNumber, trackingUrl = (string?)null } },
        };

        // Buffered (Content-Length set): the Functions host's request forwarding drops chunked bodies.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/shipments")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", FunctionAppFixture.FunctionKey);
        using HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"registration {orderId}: {(int)response.StatusCode} {text}");
        using JsonDocument answer = JsonDocument.Parse(text);
        return answer.RootElement.GetProperty("orderKey").GetString()!;
    }
}
