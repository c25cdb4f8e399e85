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
    private readonly ConcurrentDictionary<string, string> _trackRequests = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PayPalTracker> _trackers = new();
    private readonly ConcurrentDictionary<string, PayPalTracker> _legacy = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _verifyCalls;
    private int _orderCalls;
    private int _legacyCalls;
    private int _failBatch;
    private readonly ConcurrentQueue<string> _cancelled = new();


    public Uri BaseAddress { get; private set; } = null!;

    public int VerifyCalls => Volatile.Read(ref _verifyCalls);

    public int OrderCalls => Volatile.Read(ref _orderCalls);

    /// <summary>Trackers created (a repeated PayPal-Request-Id creates none).</summary>
    public IReadOnlyList<PayPalTracker> Trackers => [.. _trackers];

    /// <summary>Trackers added through the legacy batch API, by <c>{transaction}-{number}</c>.</summary>
    public IReadOnlyCollection<PayPalTracker> LegacyTrackers => [.. _legacy.Values];

    /// <summary>How many trackers-batch calls arrived (a check-before-create hit makes none).</summary>
    public int LegacyBatchCalls => Volatile.Read(ref _legacyCalls);

    /// <summary>Tracker ids cancelled (v2 PATCH or v1 PUT with status CANCELLED), in order; a repeat is recorded again.</summary>
    public IReadOnlyList<string> Cancelled => [.. _cancelled];

    /// <summary>When each tracking number's legacy tracker was created (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public ConcurrentDictionary<string, long> LegacyTrackerCreatedAt { get; } = new(StringComparer.Ordinal);

    /// <summary>The next N trackers-batch calls answer 503 (PayPal down).</summary>
    public int FailNextBatches
    {
        set => Volatile.Write(ref _failBatch, value);
    }

    /// <summary>Captures PayPal refuses trackers for (422 <c>CAPTURE_STATUS_NOT_VALID</c>), e.g. a pending or refunded capture.</summary>
    public ConcurrentDictionary<string, bool> InvalidCaptures { get; } = new(StringComparer.Ordinal);

    public static async Task<PayPalApiStub> StartAsync()
    {
        var stub = new PayPalApiStub();
        (stub._app, stub.BaseAddress) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/oauth2/token", stub.Token);
            app.MapPost("/v1/notifications/verify-webhook-signature", stub.VerifyAsync);
            app.MapGet("/v2/checkout/orders/{id}", stub.Order);
            app.MapPost("/v2/checkout/orders/{id}/track", stub.TrackAsync);
            app.MapGet("/v1/shipping/trackers/{id}", stub.LegacyTracker);
            app.MapPost("/v1/shipping/trackers-batch", stub.LegacyBatchAsync);
            app.MapPut("/v1/shipping/trackers/{id}", stub.LegacyUpdateAsync);
            app.MapMethods("/v2/checkout/orders/{id}/trackers/{trackerId}", ["PATCH"], stub.PatchTrackerAsync);
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

    /// <summary>
    /// <c>POST /v2/checkout/orders/{id}/track</c> (reference §7.1): bearer token, JSON with <c>capture_id</c>
    /// (alphanumeric, ≤ 50), <c>tracking_number</c> (≤ 64), <c>carrier</c> (<c>carrier_name_other</c> only with
    /// <c>OTHER</c>) and a <c>PayPal-Request-Id</c>; 201 with the order and its trackers, 200 and the same answer for a
    /// repeated request id, 422 for a capture PayPal will not track.
    /// </summary>
    private async Task<IResult> TrackAsync(string id, HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            return Results.StatusCode(401);
        }

        string? requestId = request.Headers["PayPal-Request-Id"];
        if (string.IsNullOrEmpty(requestId))
        {
            return Results.Json(new { name = "INVALID_REQUEST", details = new[] { new { issue = "stub: PayPal-Request-Id required" } } }, statusCode: 400);
        }

        if (_trackRequests.TryGetValue(requestId, out string? replay))
        {
            return Results.Text(replay, "application/json", statusCode: 200);
        }

        JsonNode? body = await JsonNode.ParseAsync(request.Body);
        string? captureId = (string?)body?["capture_id"];
        string? number = (string?)body?["tracking_number"];
        string? carrier = (string?)body?["carrier"];
        string? other = (string?)body?["carrier_name_other"];
        if (captureId is not { Length: > 0 and <= 50 } || !captureId.All(char.IsAsciiLetterOrDigit) || number is not { Length: > 0 and <= 64 }
            || carrier is null || (other is not null) != (carrier == "OTHER"))
        {
            return Results.Json(new { name = "INVALID_REQUEST", details = new[] { new { issue = "INVALID_PARAMETER_VALUE" } } }, statusCode: 400);
        }

        if (InvalidCaptures.ContainsKey(captureId))
        {
            return Results.Json(new
            {
                name = "UNPROCESSABLE_ENTITY",
                details = new[] { new { issue = "CAPTURE_STATUS_NOT_VALID", description = "Invalid capture status. Tracker information can only be added to captures in `COMPLETED` state." } },
            }, statusCode: 422);
        }

        var tracker = new PayPalTracker(id, $"{captureId}-{number}", captureId, number, carrier, other, requestId);
        _trackers.Enqueue(tracker);
        string answer = new JsonObject
        {
            ["id"] = id,
            ["status"] = "COMPLETED",
            ["purchase_units"] = new JsonArray(new JsonObject
            {
                ["shipping"] = new JsonObject { ["trackers"] = new JsonArray(new JsonObject { ["id"] = tracker.Id, ["status"] = "SHIPPED" }) },
            }),
        }.ToJsonString();
        _trackRequests[requestId] = answer;
        return Results.Text(answer, "application/json", statusCode: 201);
    }

    private IResult LegacyTracker(string id, HttpRequest request) =>
        request.Headers.Authorization.ToString() != "Bearer " + AccessToken ? Results.StatusCode(401)
        : _legacy.TryGetValue(id, out PayPalTracker? t) ? Results.Json(new { transaction_id = t.CaptureId, tracking_number = t.TrackingNumber, status = "SHIPPED", carrier = t.Carrier })
        : Results.Json(new { name = "RESOURCE_NOT_FOUND", message = "The specified resource does not exist." }, statusCode: 404);

    /// <summary>
    /// <c>POST /v1/shipping/trackers-batch</c> (reference §7.2): up to 20 trackers, each with <c>transaction_id</c>
    /// (alphanumeric, ≤ 50) and <c>status</c>, and <c>carrier</c> when a number is given; 200 with
    /// <c>tracker_identifiers</c> and <c>errors</c> (a tracker that exists already is an error, as on PayPal).
    /// </summary>
    private async Task<IResult> LegacyBatchAsync(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            return Results.StatusCode(401);
        }

        Interlocked.Increment(ref _legacyCalls);
        if (Interlocked.Decrement(ref _failBatch) >= 0)
        {
            return Results.Json(new { name = "INTERNAL_SERVER_ERROR", message = "An internal server error occurred." }, statusCode: 503);
        }
        JsonNode? body = await JsonNode.ParseAsync(request.Body);
        if (body?["trackers"] is not JsonArray { Count: > 0 and <= 20 } trackers)
        {
            return Results.Json(new { name = "INVALID_REQUEST", details = new[] { new { issue = "INVALID_PARAMETER_VALUE" } } }, statusCode: 400);
        }

        var identifiers = new JsonArray();
        var errors = new JsonArray();
        foreach (JsonNode? t in trackers)
        {
            string? transaction = (string?)t?["transaction_id"];
            string? number = (string?)t?["tracking_number"];
            string? carrier = (string?)t?["carrier"];
            if (transaction is not { Length: > 0 and <= 50 } || !transaction.All(char.IsAsciiLetterOrDigit) || (string?)t?["status"] is null || (number is not null && carrier is null))
            {
                errors.Add(new JsonObject { ["name"] = "INVALID_REQUEST", ["message"] = "Request is not well-formed." });
                continue;
            }

            var tracker = new PayPalTracker(string.Empty, $"{transaction}-{number}", transaction, number ?? string.Empty, carrier ?? string.Empty, (string?)t?["carrier_name_other"], request.Headers["PayPal-Request-Id"].ToString());
            if (!_legacy.TryAdd(tracker.Id, tracker))
            {
                errors.Add(new JsonObject { ["name"] = "RESOURCE_CONFLICT", ["message"] = "Tracker already exists.", ["details"] = new JsonArray(new JsonObject { ["issue"] = "TRACKER_ALREADY_EXISTS" }) });
                continue;
            }

            LegacyTrackerCreatedAt.TryAdd(tracker.TrackingNumber, System.Diagnostics.Stopwatch.GetTimestamp());
            identifiers.Add(new JsonObject { ["transaction_id"] = transaction, ["tracking_number"] = number });
        }

        return Results.Text(new JsonObject { ["tracker_identifiers"] = identifiers, ["errors"] = errors }.ToJsonString(), "application/json");
    }

    /// <summary>
    /// <c>PATCH /v2/checkout/orders/{id}/trackers/{tracker_id}</c> (reference §7.1): a JSON-Patch array whose only
    /// supported status change is <c>replace /status CANCELLED</c>; 204, or 404 for a tracker the order does not have.
    /// </summary>
    private async Task<IResult> PatchTrackerAsync(string id, string trackerId, HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            return Results.StatusCode(401);
        }

        JsonNode? body = await JsonNode.ParseAsync(request.Body);
        if (body is not JsonArray { Count: 1 } ops || (string?)ops[0]?["op"] != "replace" || (string?)ops[0]?["path"] != "/status" || (string?)ops[0]?["value"] != "CANCELLED")
        {
            return Results.Json(new { name = "INVALID_REQUEST", details = new[] { new { issue = "INVALID_PARAMETER_VALUE" } } }, statusCode: 400);
        }

        if (!_trackers.Any(t => t.OrderId == id && t.Id == trackerId))
        {
            return Results.Json(new { name = "RESOURCE_NOT_FOUND", details = new[] { new { issue = "INVALID_RESOURCE_ID" } } }, statusCode: 404);
        }

        _cancelled.Enqueue(trackerId);
        return Results.StatusCode(204);
    }

    /// <summary><c>PUT /v1/shipping/trackers/{transaction}-{number}</c> (reference §7.2) with the tracker and its new status; 204.</summary>
    private async Task<IResult> LegacyUpdateAsync(string id, HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            return Results.StatusCode(401);
        }

        JsonNode? body = await JsonNode.ParseAsync(request.Body);
        if (!_legacy.ContainsKey(id))
        {
            return Results.Json(new { name = "RESOURCE_NOT_FOUND", message = "The specified resource does not exist." }, statusCode: 404);
        }

        if ((string?)body?["status"] is not { Length: > 0 } status || $"{(string?)body?["transaction_id"]}-{(string?)body?["tracking_number"]}" != id)
        {
            return Results.Json(new { name = "INVALID_REQUEST", details = new[] { new { issue = "INVALID_PARAMETER_VALUE" } } }, statusCode: 400);
        }

        if (status == "CANCELLED")
        {
            _cancelled.Enqueue(id);
        }

        return Results.StatusCode(204);
    }
}

internal sealed record PayPalTracker(string OrderId, string Id, string CaptureId, string TrackingNumber, string Carrier, string? CarrierNameOther, string RequestId);
