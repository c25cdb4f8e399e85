using System.Net;
using System.Text.Json;
using OrderTracking.Core.Security;

namespace OrderTracking.IntegrationTests.Infrastructure;

/// <summary>Reads the public tracking API the way a storefront does.</summary>
internal static class TrackingClient
{
    public static string Token(string orderKey) =>
        ReadToken.Mint(FunctionAppFixture.ReadTokenKey, orderKey, DateTimeOffset.UtcNow.AddHours(1));

    public static async Task<(HttpStatusCode Status, JsonDocument? Body)> GetAsync(HttpClient client, string orderKey, string? token = null)
    {
        using HttpResponseMessage response = await client.GetAsync($"api/tracking/{Uri.EscapeDataString(orderKey)}?token={Uri.EscapeDataString(token ?? Token(orderKey))}");
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(text) : null);
    }

    /// <summary>The first shipment's status, or null while the order is unknown.</summary>
    public static async Task<string?> StatusAsync(HttpClient client, string orderKey)
    {
        (HttpStatusCode status, JsonDocument? body) = await GetAsync(client, orderKey);
        using (body)
        {
            return status == HttpStatusCode.OK && body!.RootElement.GetProperty("shipments").GetArrayLength() > 0
                ? body.RootElement.GetProperty("shipments")[0].GetProperty("status").GetString()
                : null;
        }
    }
}
