using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Webhooks;

/// <summary>
/// A local stand-in for PayPal's REST API (reference §5.1, §5.3, §6) on 127.0.0.1:0: <c>POST /v1/oauth2/token</c>
/// (Basic client id:secret), <c>POST /v1/notifications/verify-webhook-signature</c> (SUCCESS only for a transmission id
/// registered with <see cref="ExpectTransmission"/> and the configured webhook id) and <c>GET /v2/checkout/orders/{id}</c>
/// (orders registered with <see cref="AddOrder"/>, else 404).
/// </summary>
internal sealed class PayPalApiStub : IAsyncDisposable
{
    public const string ClientId = "integration-paypal-client";
    public const string ClientSecret = "integration-paypal-secret";
    public const string WebhookId = "8PT597110X687430LKGECATA";

    /// <summary>A transmission id for which the verify API answers 500 (PayPal down).</summary>
    public const string FailingTransmissionId = "paypal-down-0000";

    private const string AccessToken = "A21AA-integration-token";
    private readonly ConcurrentDictionary<string, string> _expected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _orders = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _verifyCalls;
    private int _orderCalls;


    public Uri BaseAddress { get; private set; } = null!;

    public int VerifyCalls => Volatile.Read(ref _verifyCalls);

    public int OrderCalls => Volatile.Read(ref _orderCalls);

    public static async Task<PayPalApiStub> StartAsync()
    {
        var stub = new PayPalApiStub();
        (stub._app, stub.BaseAddress) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/oauth2/token", stub.Token);
            app.MapPost("/v1/notifications/verify-webhook-signature", stub.VerifyAsync);
            app.MapGet("/v2/checkout/orders/{id}", stub.Order);
        });
        return stub;
    }

    /// <summary>Makes the verify API answer SUCCESS for this transmission id, when the posted event has <paramref name="eventId"/>.</summary>
    public void ExpectTransmission(string transmissionId, string eventId) => _expected[transmissionId] = eventId;

    /// <summary>Serves this Orders v2 resource.</summary>
    public void AddOrder(string orderId, JsonObject order) => _orders[orderId] = order.ToJsonString();

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;

    private IResult Token(HttpRequest request)
    {
        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        return request.Headers.Authorization.ToString() == expected
            ? Results.Json(new { scope = "https://uri.paypal.com/services/payments/payment", access_token = AccessToken, token_type = "Bearer", app_id = "APP-80W284485P519543T", expires_in = 32400, nonce = "2026-01-01T00:00:00Z" })
            : Results.Json(new { error = "invalid_client" }, statusCode: 401);
    }

    private async Task<IResult> VerifyAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _verifyCalls);
        if (request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            return Results.StatusCode(401);
        }

        using JsonDocument doc = await JsonDocument.ParseAsync(request.Body);
        JsonElement root = doc.RootElement;
        string? transmissionId = root.GetProperty("transmission_id").GetString();
        if (transmissionId == FailingTransmissionId)
        {
            return Results.StatusCode(500);
        }

        bool ok = transmissionId is not null
            && _expected.TryGetValue(transmissionId, out string? eventId)
            && root.GetProperty("webhook_id").GetString() == WebhookId
            && root.GetProperty("auth_algo").GetString() == "SHA256withRSA"
            && root.GetProperty("webhook_event").GetProperty("id").GetString() == eventId;
        return Results.Json(new { verification_status = ok ? "SUCCESS" : "FAILURE" });
    }

    private IResult Order(string id, HttpRequest request)
    {
        Interlocked.Increment(ref _orderCalls);
        if (request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            return Results.StatusCode(401);
        }

        return _orders.TryGetValue(id, out string? json) ? Results.Text(json, "application/json") : Results.Json(new { name = "RESOURCE_NOT_FOUND" }, statusCode: 404);
    }
}
