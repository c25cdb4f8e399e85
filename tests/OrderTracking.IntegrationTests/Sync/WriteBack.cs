using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Sync;

/// <summary>The steps every write-back test repeats: register tracking against a platform's order, wait for the ledger.</summary>
internal static class WriteBack
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary><c>POST /api/shipments</c> with <c>orderKey</c> and one sandbox shipment; returns the read token.</summary>
    public static Task<string> RegisterAsync(FunctionAppFixture app, string orderKey, string trackingNumber) =>
        PostAsync(app, new { orderKey, shipments = new[] { new { carrier = "sandbox", trackingNumber } } }, orderKey);

    /// <summary>Registers <paramref name="trackingNumber"/> as the corrected label of <paramref name="replaces"/>.</summary>
    public static Task<string> ReplaceAsync(FunctionAppFixture app, string orderKey, string trackingNumber, string replaces) =>
        PostAsync(app, new { orderKey, shipments = new[] { new { carrier = "sandbox", trackingNumber, replaces } } }, orderKey);

    /// <summary>Cancels a registered shipment (<c>"cancelled": true</c>).</summary>
    public static Task<string> CancelAsync(FunctionAppFixture app, string orderKey, string trackingNumber) =>
        PostAsync(app, new { orderKey, shipments = new[] { new { trackingNumber, cancelled = true } } }, orderKey);

    private static async Task<string> PostAsync(FunctionAppFixture app, object body, string orderKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/shipments")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", FunctionAppFixture.FunctionKey);
        using HttpResponseMessage response = await app.Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"registration: {(int)response.StatusCode} {text}");
        using JsonDocument answer = JsonDocument.Parse(text);
        Assert.Equal(orderKey, answer.RootElement.GetProperty("orderKey").GetString());
        return answer.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Waits until the <c>PlatformSync</c> row reaches <paramref name="state"/>.</summary>
    public static async Task<TableEntity> LedgerAsync(FunctionAppFixture app, string orderKey, string rowKey, string state) =>
        (await Eventually.UntilAsync(
            async () => await app.Tables.GetTableClient("PlatformSync").FindAsync(orderKey, rowKey) is { } row ? new LedgerRow(row) : null,
            r => r?.Row.GetString("State") == state, s_timeout, $"PlatformSync {rowKey} {state}"))!.Row;

    /// <summary>A ledger row that says what it holds when a wait times out.</summary>
    private sealed record LedgerRow(TableEntity Row)
    {
        public override string ToString() => $"State={Row.GetString("State")} Reason={Row.GetString("Reason")} PlatformId={Row.GetString("PlatformId")}";
    }

    /// <summary>Waits until every <c>platform-sync</c> message has been processed (duplicates included).</summary>
    public static Task<int> QueueDrainedAsync(FunctionAppFixture app) =>
        Eventually.UntilAsync(
            async () => (await app.Queues.GetQueueClient("platform-sync").GetPropertiesAsync()).Value.ApproximateMessagesCount,
            n => n == 0, s_timeout, "platform-sync drained");
}
