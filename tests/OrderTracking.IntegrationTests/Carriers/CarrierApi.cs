using System.Net;
using System.Text;
using System.Text.Json;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Carriers;

/// <summary><c>POST /api/shipments</c> and the read API, as the carrier tests use them.</summary>
internal static class CarrierApi
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    /// <summary>Registers order <paramref name="orderId"/> with (carrier or null, number) shipments; returns the read token.</summary>
    public static async Task<string> RegisterAsync(HttpClient client, string orderId, params (string? Carrier, string Number)[] shipments)
    {
        string body = JsonSerializer.Serialize(new
        {
            orderId,
            email = "ana@example.com",
            name = "Ana",
            locale = "en",
            shipments = shipments.Select(s => new { carrier = s.Carrier, trackingNumber = s.Number, trackingUrl = (string?)null }),
        });

        // Buffered (Content-Length set): the host's request forwarding drops chunked bodies.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/shipments") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", FunctionAppFixture.FunctionKey);
        using HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using JsonDocument answer = JsonDocument.Parse(text);
        Assert.Equal("api:" + orderId, answer.RootElement.GetProperty("orderKey").GetString());
        return answer.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>The shipment with <paramref name="number"/> as the read API serves it (a clone), or null while absent.</summary>
    public static async Task<JsonElement?> ShipmentAsync(HttpClient client, string orderId, string token, string number)
    {
        (HttpStatusCode status, JsonDocument? body) = await TrackingClient.GetAsync(client, "api:" + orderId, token);
        using (body)
        {
            if (status != HttpStatusCode.OK)
            {
                return null;
            }

            foreach (JsonElement shipment in body!.RootElement.GetProperty("shipments").EnumerateArray())
            {
                if (shipment.GetProperty("trackingNumber").GetString() == number)
                {
                    return shipment.Clone();
                }
            }

            return null;
        }
    }

    /// <summary>Waits until the shipment's status is <paramref name="status"/>; returns the shipment.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string orderId, string token, string number, string status)
    {
        JsonElement? shipment = await Eventually.UntilAsync(
            () => ShipmentAsync(client, orderId, token, number),
            s => s?.GetProperty("status").GetString() == status,
            Timeout,
            $"{number} to read as {status}");
        return shipment!.Value;
    }
}
