using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Sync;

/// <summary>
/// A local stand-in for Stripe's charges API (reference §3) on 127.0.0.1:0. <c>GET /v1/charges/{id}</c> answers the
/// charge registered with <see cref="AddCharge"/>; <c>POST /v1/charges/{id}</c> checks what Stripe checks for a
/// <c>shipping</c> update — bearer key, form encoding, an <c>Idempotency-Key</c>, <c>shipping[name]</c> and
/// <c>shipping[address]</c> sent with the carrier and number — replays the stored answer for a repeated key and answers
/// 409 <c>idempotency_key_in_use</c> while the same key is in flight (as Stripe does), and applies the update. <see cref="FailNextUpdates"/> makes updates answer 500 first.
/// </summary>
internal sealed class StripeApiStub : IAsyncDisposable
{
    public const string ApiKey = "sk_test_integration_0123456789";

    private readonly ConcurrentDictionary<string, JsonObject> _charges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idempotent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StripeUpdate> _updates = new();
    private WebApplication? _app;
    private int _failures;
    private volatile Hold? _hold;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every update that changed a charge (replays of an idempotency key are not counted).</summary>
    public IReadOnlyList<StripeUpdate> Updates => [.. _updates];

    public int FailNextUpdates
    {
        set => Volatile.Write(ref _failures, value);
    }

    /// <summary>
    /// The next update of <paramref name="chargeId"/> is applied (and its idempotent answer stored) but not answered until
    /// <see cref="Hold.Release"/>: the caller sits between the platform call and its own bookkeeping.
    /// </summary>
    public Hold HoldNextUpdate(string chargeId) => _hold = new Hold(chargeId);

    public static async Task<StripeApiStub> StartAsync()
    {
        var stub = new StripeApiStub();
        (stub._app, stub.BaseAddress) = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/v1/charges/{id}", stub.GetCharge);
            app.MapPost("/v1/charges/{id}", stub.UpdateChargeAsync);
        });
        return stub;
    }

    public void AddCharge(string chargeId, string paymentIntent) => _charges[chargeId] = new JsonObject
    {
        ["id"] = chargeId,
        ["object"] = "charge",
        ["payment_intent"] = paymentIntent,
        ["billing_details"] = new JsonObject { ["name"] = "Jonas Weber" },
        ["shipping"] = new JsonObject
        {
            ["name"] = "Jonas Weber",
            ["address"] = new JsonObject { ["line1"] = "Hauptstr. 1", ["city"] = "Berlin", ["postal_code"] = "10115", ["country"] = "DE" },
        },
    };

    /// <summary>A charge with neither shipping nor a billing name: Stripe would refuse a <c>shipping</c> update without them.</summary>
    public void AddBareCharge(string chargeId, string paymentIntent) => _charges[chargeId] = new JsonObject
    {
        ["id"] = chargeId,
        ["object"] = "charge",
        ["payment_intent"] = paymentIntent,
        ["billing_details"] = new JsonObject { ["name"] = null },
    };

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;

    private IResult GetCharge(HttpContext http, string id)
    {
        if (!Authorized(http))
        {
            return Error(401, "Invalid API Key provided");
        }

        return _charges.TryGetValue(id, out JsonObject? charge)
            ? Results.Text(charge.ToJsonString(), "application/json")
            : Error(404, $"No such charge: '{id}'");
    }

    private async Task<IResult> UpdateChargeAsync(HttpContext http, string id)
    {
        if (!Authorized(http))
        {
            return Error(401, "Invalid API Key provided");
        }

        if (!http.Request.HasFormContentType)
        {
            return Error(400, "Content-Type must be application/x-www-form-urlencoded");
        }

        string? key = http.Request.Headers["Idempotency-Key"];
        if (string.IsNullOrEmpty(key))
        {
            return Error(400, "stub: every update must carry an Idempotency-Key");
        }

        if (_idempotent.TryGetValue(key, out string? replay))
        {
            return Results.Text(replay, "application/json");
        }

        // Stripe answers a request whose key is still being processed with 409 idempotency_key_in_use.
        if (!_inFlight.TryAdd(key, 0))
        {
            return Results.Json(new { error = new { type = "idempotency_error", code = "idempotency_key_in_use", message = "There is currently another in-progress request using this Stripe-Idempotency-Key." } }, statusCode: 409);
        }

        try
        {
            return await ApplyUpdateAsync(http, id, key);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    private async Task<IResult> ApplyUpdateAsync(HttpContext http, string id, string key)
    {
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            return Error(500, "stub: Stripe is having a bad minute");
        }

        IFormCollection form = await http.Request.ReadFormAsync();
        if (!_charges.TryGetValue(id, out JsonObject? charge))
        {
            return Error(404, $"No such charge: '{id}'");
        }

        string? name = form["shipping[name]"];
        string? line1 = form["shipping[address][line1]"];
        if (string.IsNullOrEmpty(name) || line1 is null)
        {
            return Error(400, "Missing required param: shipping[name] / shipping[address].");
        }

        var update = new StripeUpdate(id, key, name, line1, form["shipping[carrier]"].ToString(), form["shipping[tracking_number]"].ToString());
        _updates.Enqueue(update);
        charge["shipping"] = new JsonObject
        {
            ["name"] = name,
            ["carrier"] = update.Carrier,
            ["tracking_number"] = update.TrackingNumber,
            ["address"] = new JsonObject { ["line1"] = line1, ["city"] = form["shipping[address][city]"].ToString(), ["country"] = form["shipping[address][country]"].ToString() },
        };
        string answer = charge.ToJsonString();
        _idempotent[key] = answer;
        if (_hold is { } hold && hold.ChargeId == id)
        {
            _hold = null;
            hold.Applied.TrySetResult();
            await hold.Released.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }

        return Results.Text(answer, "application/json");
    }

    private static bool Authorized(HttpContext http) => http.Request.Headers.Authorization == "Bearer " + ApiKey;

    private static IResult Error(int status, string message) => Results.Json(
        new { error = new { type = status >= 500 ? "api_error" : "invalid_request_error", message } }, statusCode: status);
}

/// <summary>A held update: <see cref="Applied"/> completes once the charge is updated; the answer waits for <see cref="Release"/>.</summary>
internal sealed class Hold(string chargeId)
{
    public string ChargeId { get; } = chargeId;

    public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Released.TrySetResult();
}

internal sealed record StripeUpdate(string ChargeId, string IdempotencyKey, string Name, string AddressLine1, string Carrier, string TrackingNumber);
