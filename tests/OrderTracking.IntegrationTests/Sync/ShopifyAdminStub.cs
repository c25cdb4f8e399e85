using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Sync;

/// <summary>
/// A local stand-in for Shopify's GraphQL Admin API (reference §9.4–§9.6) on 127.0.0.1:0:
/// <c>POST /admin/api/{version}/graphql.json</c> with <c>X-Shopify-Access-Token</c>. It answers the operations write-back
/// sends — the order's fulfillments and fulfillment orders, <c>fulfillmentCreate</c> (which closes the fulfillment orders
/// it fulfils and answers a <c>userErrors</c> entry for one already closed, as Shopify does), a fulfillment's tracking and
/// <c>fulfillmentTrackingInfoUpdate</c>, a fulfillment's events and <c>fulfillmentEventCreate</c> (statuses checked
/// against the enum), the order's transactions — with <c>extensions.cost</c>, and answers <c>THROTTLED</c> for the next
/// <see cref="ThrottleNext"/> calls or when its optional <see cref="Bucket"/> runs dry. Points and calls are counted.
/// </summary>
internal sealed class ShopifyAdminStub : IAsyncDisposable
{
    public const string AccessToken = "shpat_integration_0123456789";
    public const string ApiVersion = "2026-10";

    private readonly ConcurrentDictionary<string, ShopifyStubOrder> _orders = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private WebApplication? _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Id, string Status)>> _events = new(StringComparer.Ordinal);
    private int _throttle;
    private int _eventIds;
    private double _points;

    public Uri BaseAddress { get; private set; } = null!;

    public int ThrottleNext
    {
        set => Volatile.Write(ref _throttle, value);
    }

    /// <summary>Every fulfillmentCreate that made a fulfillment.</summary>
    public ConcurrentQueue<(string OrderGid, string FulfillmentGid, string Company, string Number)> Created { get; } = new();

    /// <summary>Every fulfillmentTrackingInfoUpdate applied: (fulfillment gid, the numbers it now carries).</summary>
    public ConcurrentQueue<(string FulfillmentGid, string[] Numbers)> TrackingUpdates { get; } = new();

    /// <summary>Every fulfillment event created: (fulfillment gid, status).</summary>
    public ConcurrentQueue<(string FulfillmentGid, string Status)> Events { get; } = new();

    /// <summary>Calls per operation (<c>query OrderTransactions</c> …), throttled ones included.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Shopify's leaky bucket (reference §9.6) when set: a call needs its requested cost available up front, answers
    /// <c>THROTTLED</c> otherwise, and is refunded the difference to its actual cost. Null: unlimited (tests).
    /// </summary>
    public ShopifyCostBucket? Bucket { get; set; }

    public double PointsSpent
    {
        get
        {
            lock (_lock)
            {
                return _points;
            }
        }
    }

    public static async Task<ShopifyAdminStub> StartAsync()
    {
        var stub = new ShopifyAdminStub();
        (stub._app, stub.BaseAddress) = await LoopbackServer.StartAsync(app => app.MapPost($"/admin/api/{ApiVersion}/graphql.json", stub.GraphQlAsync));
        return stub;
    }

    /// <summary>An order with one open fulfillment order; paid with PayPal when <paramref name="payPalTransactionId"/> is given.</summary>
    public void AddOrder(long orderId, string? payPalTransactionId = null)
    {
        var order = new ShopifyStubOrder($"gid://shopify/FulfillmentOrder/{orderId}1");
        if (payPalTransactionId is not null)
        {
            // An authorization, then its capture: only the capture's id takes a tracker (reference §13.1).
            order.Transactions.Add(new JsonObject { ["kind"] = "AUTHORIZATION", ["status"] = "SUCCESS", ["gateway"] = "paypal", ["authorizationCode"] = "AUTH" + payPalTransactionId[4..], ["createdAt"] = "2026-11-21T14:00:00Z" });
            order.Transactions.Add(new JsonObject { ["kind"] = "CAPTURE", ["status"] = "SUCCESS", ["gateway"] = "paypal", ["authorizationCode"] = payPalTransactionId, ["createdAt"] = "2026-11-21T14:00:05Z" });
        }

        _orders[$"gid://shopify/Order/{orderId}"] = order;
    }

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<IResult> GraphQlAsync(HttpRequest request)
    {
        if (request.Headers["X-Shopify-Access-Token"] != AccessToken)
        {
            return Results.Json(new { errors = "[API] Invalid API key or access token (unrecognized login or wrong password)" }, statusCode: 401);
        }

        JsonNode body = (await JsonNode.ParseAsync(request.Body))!;
        string query = (string?)body["query"] ?? string.Empty;
        JsonNode? variables = body["variables"];
        if (Interlocked.Decrement(ref _throttle) >= 0)
        {
            return Throttled(requested: 12, available: 2);
        }

        Calls.AddOrUpdate(OperationName(query), 1, (_, n) => n + 1);
        if (Bucket is { } bucket && !bucket.TryTake(RequestedCost(query), out double left))
        {
            return Throttled(RequestedCost(query), left);
        }

        if (query.Contains("fulfillmentCreate(", StringComparison.Ordinal))
        {
            return Json(Create(variables?["fulfillment"]));
        }

        if (query.Contains("fulfillmentTrackingInfoUpdate(", StringComparison.Ordinal))
        {
            return Json(UpdateTracking((string?)variables?["fulfillmentId"], variables?["trackingInfoInput"]));
        }

        if (query.Contains("fulfillment(id:", StringComparison.Ordinal) && query.Contains("trackingInfo(", StringComparison.Ordinal))
        {
            string fid = (string?)variables?["id"] ?? string.Empty;
            (string Order, string Id, string Number)? found = FindFulfillment(fid);
            JsonNode? node = found is { } f
                ? new JsonObject { ["id"] = fid, ["status"] = "SUCCESS", ["trackingInfo"] = new JsonArray(new JsonObject { ["company"] = "UPS", ["number"] = f.Number }) }
                : null;
            return Json(new JsonObject { ["data"] = new JsonObject { ["fulfillment"] = node }, ["extensions"] = Spend(3, 2) });
        }

        if (query.Contains("fulfillmentEventCreate(", StringComparison.Ordinal))
        {
            return Json(CreateEvent(variables?["event"]));
        }

        if (query.Contains("fulfillment(id:", StringComparison.Ordinal))
        {
            string fid = (string?)variables?["id"] ?? string.Empty;
            JsonNode? node = _events.TryGetValue(fid, out ConcurrentQueue<(string Id, string Status)>? list)
                ? new JsonObject { ["id"] = fid, ["events"] = new JsonObject { ["nodes"] = new JsonArray([.. list.Select(e => (JsonNode)new JsonObject { ["id"] = e.Id, ["status"] = e.Status })]) } }
                : null;
            return Json(new JsonObject { ["data"] = new JsonObject { ["fulfillment"] = node }, ["extensions"] = Spend(6, 3) });
        }

        if (query.Contains("transactions(", StringComparison.Ordinal))
        {
            string id = (string?)variables?["id"] ?? string.Empty;
            JsonNode? order = _orders.TryGetValue(id, out ShopifyStubOrder? o)
                ? new JsonObject { ["id"] = id, ["transactions"] = new JsonArray([.. o.Transactions.Select(t => t.DeepClone())]) }
                : null;
            return Json(new JsonObject { ["data"] = new JsonObject { ["order"] = order }, ["extensions"] = Spend(7, 3) });
        }

        if (query.Contains("order(id:", StringComparison.Ordinal))
        {
            string id = (string?)variables?["id"] ?? string.Empty;
            return Json(new JsonObject { ["data"] = new JsonObject { ["order"] = _orders.TryGetValue(id, out ShopifyStubOrder? o) ? o.ToJson(id) : null }, ["extensions"] = Spend(12, 4) });
        }

        return Json(new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = "stub: unknown operation" }) });
    }

    private JsonObject Create(JsonNode? input)
    {
        string? foId = (string?)input?["lineItemsByFulfillmentOrder"]?[0]?["fulfillmentOrderId"];
        string? company = (string?)input?["trackingInfo"]?["company"];
        string? number = (string?)input?["trackingInfo"]?["number"];
        KeyValuePair<string, ShopifyStubOrder> match = _orders.FirstOrDefault(o => o.Value.FulfillmentOrderId == foId);
        if (match.Value is null || company is null || number is null)
        {
            return new JsonObject { ["data"] = new JsonObject { ["fulfillmentCreate"] = UserError("Fulfillment order does not exist.") }, ["extensions"] = Spend(10, 10) };
        }

        lock (match.Value)
        {
            if (!match.Value.Open)
            {
                return new JsonObject { ["data"] = new JsonObject { ["fulfillmentCreate"] = UserError("Fulfillment order is not in an open state.") }, ["extensions"] = Spend(10, 10) };
            }

            match.Value.Open = false;
            string fulfillment = $"gid://shopify/Fulfillment/{match.Value.Fulfillments.Count + 1}{Math.Abs(match.Key.GetHashCode(StringComparison.Ordinal)) % 100000}";
            match.Value.Fulfillments.Add((fulfillment, number));
            _events[fulfillment] = new ConcurrentQueue<(string Id, string Status)>();
            Created.Enqueue((match.Key, fulfillment, company, number));
            return new JsonObject
            {
                ["data"] = new JsonObject { ["fulfillmentCreate"] = new JsonObject { ["fulfillment"] = new JsonObject { ["id"] = fulfillment, ["status"] = "SUCCESS" }, ["userErrors"] = new JsonArray() } },
                ["extensions"] = Spend(10, 10),
            };
        }
    }

    private (string Order, string Id, string Number)? FindFulfillment(string fulfillmentGid)
    {
        foreach ((string orderGid, ShopifyStubOrder order) in _orders)
        {
            lock (order)
            {
                if (order.Fulfillments.FindIndex(f => f.Id == fulfillmentGid) is int i and >= 0)
                {
                    return (orderGid, order.Fulfillments[i].Id, order.Fulfillments[i].Number);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// <c>fulfillmentTrackingInfoUpdate</c> (reference §9.5): the fulfillment must exist, <c>trackingInfoInput</c> must have
    /// <c>number</c> or <c>numbers</c>; the stub's fulfillments carry one number, so the first becomes it.
    /// </summary>
    private JsonObject UpdateTracking(string? fulfillmentGid, JsonNode? input)
    {
        string[] numbers = input?["numbers"] is JsonArray many ? [.. many.Select(n => (string?)n).OfType<string>()] : (string?)input?["number"] is { } one ? [one] : [];
        ShopifyStubOrder? order = _orders.Values.FirstOrDefault(o => { lock (o) { return o.Fulfillments.Exists(f => f.Id == fulfillmentGid); } });
        if (order is null || numbers.Length == 0 || (string?)input?["company"] is null)
        {
            return new JsonObject { ["data"] = new JsonObject { ["fulfillmentTrackingInfoUpdate"] = UserError("Fulfillment does not exist or tracking is missing.") }, ["extensions"] = Spend(10, 10) };
        }

        lock (order)
        {
            int i = order.Fulfillments.FindIndex(f => f.Id == fulfillmentGid);
            order.Fulfillments[i] = (fulfillmentGid!, numbers[0]);
        }

        TrackingUpdates.Enqueue((fulfillmentGid!, numbers));
        return new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["fulfillmentTrackingInfoUpdate"] = new JsonObject
                {
                    ["fulfillment"] = new JsonObject { ["id"] = fulfillmentGid, ["trackingInfo"] = new JsonArray([.. numbers.Select(n => (JsonNode)new JsonObject { ["number"] = n })]) },
                    ["userErrors"] = new JsonArray(),
                },
            },
            ["extensions"] = Spend(10, 10),
        };
    }

    private JsonObject CreateEvent(JsonNode? input)
    {
        string? fulfillment = (string?)input?["fulfillmentId"];
        string? status = (string?)input?["status"];
        string[] allowed = ["ATTEMPTED_DELIVERY", "CARRIER_PICKED_UP", "CONFIRMED", "DELAYED", "DELIVERED", "FAILURE", "IN_TRANSIT", "LABEL_PRINTED", "LABEL_PURCHASED", "OUT_FOR_DELIVERY", "READY_FOR_PICKUP"];
        if (fulfillment is null || !_events.TryGetValue(fulfillment, out ConcurrentQueue<(string Id, string Status)>? list) || status is null || !allowed.Contains(status)
            || (string?)input?["happenedAt"] is not { Length: > 0 })
        {
            return new JsonObject { ["data"] = new JsonObject { ["fulfillmentEventCreate"] = new JsonObject { ["fulfillmentEvent"] = null, ["userErrors"] = new JsonArray(new JsonObject { ["message"] = "Fulfillment does not exist or status is invalid." }) } }, ["extensions"] = Spend(10, 10) };
        }

        string id = $"gid://shopify/FulfillmentEvent/{Interlocked.Increment(ref _eventIds)}";
        list.Enqueue((id, status));
        Events.Enqueue((fulfillment, status));
        return new JsonObject
        {
            ["data"] = new JsonObject { ["fulfillmentEventCreate"] = new JsonObject { ["fulfillmentEvent"] = new JsonObject { ["id"] = id, ["status"] = status }, ["userErrors"] = new JsonArray() } },
            ["extensions"] = Spend(10, 10),
        };
    }

    private static JsonObject UserError(string message) => new()
    {
        ["fulfillment"] = null,
        ["userErrors"] = new JsonArray(new JsonObject { ["field"] = new JsonArray("fulfillment"), ["message"] = message }),
    };

    private JsonObject Spend(double requested, double actual)
    {
        lock (_lock)
        {
            _points += actual;
        }

        Bucket?.Refund(requested - actual);
        return Cost(requested, actual, Bucket?.Available ?? 1000 - actual);
    }

    private static IResult Throttled(double requested, double available) => Json(new JsonObject
    {
        ["errors"] = new JsonArray(new JsonObject { ["message"] = "Throttled", ["extensions"] = new JsonObject { ["code"] = "THROTTLED" } }),
        ["extensions"] = Cost(requested, actual: null, available),
    });

    private static string OperationName(string query)
    {
        string[] words = query.Split([' ', '('], 3, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 ? $"{words[0]} {words[1]}" : query;
    }

    /// <summary>What the stub charges up front per operation, the same figures <see cref="Spend"/> reports as requested.</summary>
    private static double RequestedCost(string query) => query switch
    {
        _ when query.Contains("fulfillmentCreate(", StringComparison.Ordinal) => 10,
        _ when query.Contains("fulfillmentTrackingInfoUpdate(", StringComparison.Ordinal) => 10,
        _ when query.Contains("fulfillmentEventCreate(", StringComparison.Ordinal) => 10,
        _ when query.Contains("fulfillment(id:", StringComparison.Ordinal) && query.Contains("trackingInfo(", StringComparison.Ordinal) => 3,
        _ when query.Contains("fulfillment(id:", StringComparison.Ordinal) => 6,
        _ when query.Contains("transactions(", StringComparison.Ordinal) => 7,
        _ => 12,
    };

    private static JsonObject Cost(double requested, double? actual, double available) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject { ["maximumAvailable"] = 1000, ["currentlyAvailable"] = available, ["restoreRate"] = 50 },
        },
    };

    private static IResult Json(JsonObject answer) => Results.Text(answer.ToJsonString(), "application/json");
}

internal sealed class ShopifyStubOrder(string fulfillmentOrderId)
{
    public string FulfillmentOrderId { get; } = fulfillmentOrderId;

    public bool Open { get; set; } = true;

    public List<(string Id, string Number)> Fulfillments { get; } = [];

    public List<JsonObject> Transactions { get; } = [];

    public JsonObject ToJson(string id)
    {
        lock (this)
        {
            return new JsonObject
            {
                ["id"] = id,
                ["fulfillments"] = new JsonArray([.. Fulfillments.Select(f => (JsonNode)new JsonObject
                {
                    ["id"] = f.Id,
                    ["trackingInfo"] = new JsonArray(new JsonObject { ["number"] = f.Number }),
                })]),
                ["fulfillmentOrders"] = new JsonObject
                {
                    ["nodes"] = new JsonArray(new JsonObject { ["id"] = FulfillmentOrderId, ["status"] = Open ? "OPEN" : "CLOSED" }),
                },
            };
        }
    }
}

/// <summary>A leaky bucket of Shopify cost points: <paramref name="maximum"/> points, refilled at <paramref name="restoreRate"/> per second.</summary>
internal sealed class ShopifyCostBucket(double maximum, double restoreRate, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly double _maximum = maximum;
    private double _available = maximum;
    private long _at = time.GetTimestamp();

    public double Available
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _available;
            }
        }
    }

    public bool TryTake(double points, out double available)
    {
        lock (_lock)
        {
            Refill();
            available = _available;
            if (_available < points)
            {
                return false;
            }

            _available -= points;
            return true;
        }
    }

    public void Refund(double points)
    {
        lock (_lock)
        {
            _available = Math.Min(_maximum, _available + Math.Max(0, points));
        }
    }

    private void Refill()
    {
        long now = time.GetTimestamp();
        _available = Math.Min(_maximum, _available + time.GetElapsedTime(_at, now).TotalSeconds * restoreRate);
        _at = now;
    }
}

