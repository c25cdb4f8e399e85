using System.Text.Json.Nodes;

namespace OrderTracking.Commerce.Shopify;

/// <summary>The outcome: done (with the fulfillment gid), or rejected for good (with Shopify's message).</summary>
public sealed record ShopifyFulfillmentResult(bool Done, string? FulfillmentId, bool AlreadyPresent, string? Error);

/// <summary>
/// Tracking that came from elsewhere (a merchant backend, a 3PL) onto a Shopify order (reference §9.5): the order's
/// fulfillments are read first, and one that already carries the number is the answer (check before create: a retry
/// after a crash, or a second instance, makes no second fulfillment). Otherwise <c>fulfillmentCreate</c> fulfils the
/// open fulfillment orders with <c>trackingInfo {company, number, url}</c>. <c>userErrors</c> are read again against
/// the order (another instance may have just created it) before being reported as a rejection.
/// </summary>
public sealed class ShopifyFulfillmentWriter(ShopifyAdminClient client)
{
    internal const string OrderQuery =
        "query OrderFulfillments($id: ID!) { order(id: $id) { id fulfillments(first: 50) { id trackingInfo(first: 10) { number } } " +
        "fulfillmentOrders(first: 10) { nodes { id status } } } }";

    internal const string CreateMutation =
        "mutation FulfillmentCreate($fulfillment: FulfillmentInput!) { fulfillmentCreate(fulfillment: $fulfillment) { " +
        "fulfillment { id status } userErrors { field message } } }";

    internal const string EventsQuery =
        "query FulfillmentEvents($id: ID!) { fulfillment(id: $id) { id events(first: 50) { nodes { id status } } } }";

    internal const string EventMutation =
        "mutation FulfillmentEventCreate($event: FulfillmentEventInput!) { fulfillmentEventCreate(fulfillmentEvent: $event) { " +
        "fulfillmentEvent { id status } userErrors { field message } } }";

    internal const string TrackingQuery =
        "query FulfillmentTracking($id: ID!) { fulfillment(id: $id) { id status trackingInfo(first: 10) { company number url } } }";

    internal const string TrackingUpdateMutation =
        "mutation FulfillmentTrackingInfoUpdate($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) { " +
        "fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) { " +
        "fulfillment { id trackingInfo(first: 10) { number } } userErrors { field message } } }";

    /// <summary>
    /// A corrected label (reference §9.5): the fulfillment's tracking gets <paramref name="number"/> in place of
    /// <paramref name="replaces"/>, keeping any other numbers it carries, through <c>fulfillmentTrackingInfoUpdate</c>
    /// (the customer is not notified again). Read first: a fulfillment that already carries the number is the answer, so
    /// a retry changes nothing. A missing or cancelled fulfillment, or <c>userErrors</c>, is a rejection with the reason.
    /// </summary>
    public async Task<ShopifyFulfillmentResult> UpdateTrackingAsync(
        string fulfillmentGid, string company, string number, string? url, string replaces, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fulfillmentGid);
        ShopifyGraphQlResult read = await client.ExecuteAsync(TrackingQuery, new JsonObject { ["id"] = fulfillmentGid }, cancellationToken).ConfigureAwait(false);
        if (read.Data?["fulfillment"] is not JsonNode fulfillment)
        {
            return new ShopifyFulfillmentResult(false, null, false, read.Error ?? $"Shopify has no fulfillment {fulfillmentGid}.");
        }

        string[] current = [.. (fulfillment["trackingInfo"] as JsonArray ?? []).Select(t => (string?)t?["number"]).OfType<string>()];
        if (current.Contains(number, StringComparer.Ordinal))
        {
            return new ShopifyFulfillmentResult(true, fulfillmentGid, true, null);
        }

        if ((string?)fulfillment["status"] is "CANCELLED" or "ERROR" or "FAILURE")
        {
            return new ShopifyFulfillmentResult(false, null, false, $"The Shopify fulfillment is {(string?)fulfillment["status"]}; its tracking cannot change.");
        }

        string[] numbers = [.. current.Where(n => n != replaces), number];
        var tracking = new JsonObject { ["company"] = company };
        if (numbers.Length == 1)
        {
            tracking["number"] = number;
            if (url is not null)
            {
                tracking["url"] = url;
            }
        }
        else
        {
            tracking["numbers"] = new JsonArray([.. numbers.Select(n => (JsonNode)n)]);
        }

        var variables = new JsonObject { ["fulfillmentId"] = fulfillmentGid, ["trackingInfoInput"] = tracking, ["notifyCustomer"] = false };
        ShopifyGraphQlResult updated = await client.ExecuteAsync(TrackingUpdateMutation, variables, cancellationToken).ConfigureAwait(false);
        JsonNode? payload = updated.Data?["fulfillmentTrackingInfoUpdate"];
        if (payload?["fulfillment"]?["id"] is JsonNode && (payload["userErrors"] as JsonArray ?? []).Count == 0)
        {
            return new ShopifyFulfillmentResult(true, fulfillmentGid, false, null);
        }

        string message = (payload?["userErrors"] as JsonArray)?.Select(e => (string?)e?["message"]).FirstOrDefault(m => m is not null)
            ?? updated.Error ?? "fulfillmentTrackingInfoUpdate returned no fulfillment";
        return new ShopifyFulfillmentResult(false, null, false, "Shopify refused the tracking update: " + message);
    }

    /// <summary>
    /// Adds a fulfillment event (<c>IN_TRANSIT</c>, <c>OUT_FOR_DELIVERY</c>, <c>DELIVERED</c>, …) unless the fulfillment
    /// already has one with that status (check before create, as for fulfillments). <see cref="ShopifyFulfillmentResult.FulfillmentId"/>
    /// holds the event's gid.
    /// </summary>
    public async Task<ShopifyFulfillmentResult> CreateEventAsync(string fulfillmentGid, string status, DateTimeOffset happenedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fulfillmentGid);
        ShopifyGraphQlResult read = await client.ExecuteAsync(EventsQuery, new JsonObject { ["id"] = fulfillmentGid }, cancellationToken).ConfigureAwait(false);
        if (read.Data?["fulfillment"] is not JsonNode fulfillment)
        {
            return new ShopifyFulfillmentResult(false, null, false, read.Error ?? $"Shopify has no fulfillment {fulfillmentGid}.");
        }

        if (EventWith(fulfillment, status) is { } existing)
        {
            return new ShopifyFulfillmentResult(true, existing, true, null);
        }

        var variables = new JsonObject
        {
            ["event"] = new JsonObject
            {
                ["fulfillmentId"] = fulfillmentGid,
                ["status"] = status,
                ["happenedAt"] = happenedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        ShopifyGraphQlResult created = await client.ExecuteAsync(EventMutation, variables, cancellationToken).ConfigureAwait(false);
        JsonNode? payload = created.Data?["fulfillmentEventCreate"];
        if (payload?["fulfillmentEvent"]?["id"] is JsonNode id && (payload["userErrors"] as JsonArray ?? []).Count == 0)
        {
            return new ShopifyFulfillmentResult(true, (string?)id, false, null);
        }

        string message = (payload?["userErrors"] as JsonArray)?.Select(e => (string?)e?["message"]).FirstOrDefault(m => m is not null)
            ?? created.Error ?? "fulfillmentEventCreate returned no event";
        return new ShopifyFulfillmentResult(false, null, false, "Shopify refused the fulfillment event: " + message);
    }

    /// <summary>Writes, or finds written, a fulfillment with the number.</summary>
    public async Task<ShopifyFulfillmentResult> WriteTrackingAsync(string orderGid, string company, string number, string? url, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderGid);
        (JsonNode? order, string? error) = await ReadOrderAsync(orderGid, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return new ShopifyFulfillmentResult(false, null, false, error ?? $"Shopify has no order {orderGid}.");
        }

        if (FulfillmentWith(order, number) is { } existing)
        {
            return new ShopifyFulfillmentResult(true, existing, true, null);
        }

        string[] open = [.. (order["fulfillmentOrders"]?["nodes"] as JsonArray ?? [])
            .Where(n => (string?)n?["status"] is "OPEN" or "IN_PROGRESS")
            .Select(n => (string)n!["id"]!)];
        if (open.Length == 0)
        {
            return new ShopifyFulfillmentResult(false, null, false, "The order has no open fulfillment order to fulfil with this tracking.");
        }

        var tracking = new JsonObject { ["company"] = company, ["number"] = number };
        if (url is not null)
        {
            tracking["url"] = url;
        }

        var variables = new JsonObject
        {
            ["fulfillment"] = new JsonObject
            {
                ["lineItemsByFulfillmentOrder"] = new JsonArray([.. open.Select(id => (JsonNode)new JsonObject { ["fulfillmentOrderId"] = id })]),
                ["trackingInfo"] = tracking,
                ["notifyCustomer"] = false,
            },
        };
        ShopifyGraphQlResult created = await client.ExecuteAsync(CreateMutation, variables, cancellationToken).ConfigureAwait(false);
        JsonNode? payload = created.Data?["fulfillmentCreate"];
        if (payload?["fulfillment"]?["id"] is JsonNode id && (payload["userErrors"] as JsonArray ?? []).Count == 0)
        {
            return new ShopifyFulfillmentResult(true, (string?)id, false, null);
        }

        // A userError (or a GraphQL error) may mean another instance fulfilled it a moment ago: look again.
        (JsonNode? again, _) = await ReadOrderAsync(orderGid, cancellationToken).ConfigureAwait(false);
        if (again is not null && FulfillmentWith(again, number) is { } made)
        {
            return new ShopifyFulfillmentResult(true, made, true, null);
        }

        string message = (payload?["userErrors"] as JsonArray)?.Select(e => (string?)e?["message"]).FirstOrDefault(m => m is not null)
            ?? created.Error ?? "fulfillmentCreate returned no fulfillment";
        return new ShopifyFulfillmentResult(false, null, false, "Shopify refused the fulfillment: " + message);
    }

    private async Task<(JsonNode? Order, string? Error)> ReadOrderAsync(string orderGid, CancellationToken cancellationToken)
    {
        ShopifyGraphQlResult result = await client.ExecuteAsync(OrderQuery, new JsonObject { ["id"] = orderGid }, cancellationToken).ConfigureAwait(false);
        return (result.Data?["order"], result.Error);
    }

    private static string? EventWith(JsonNode fulfillment, string status) =>
        (fulfillment["events"]?["nodes"] as JsonArray ?? []).FirstOrDefault(e => (string?)e?["status"] == status)?["id"] is JsonNode id ? (string?)id : null;

    private static string? FulfillmentWith(JsonNode order, string number) =>
        (order["fulfillments"] as JsonArray ?? [])
            .FirstOrDefault(f => (f?["trackingInfo"] as JsonArray ?? []).Any(t => (string?)t?["number"] == number))?["id"] is JsonNode id
            ? (string?)id
            : null;
}
