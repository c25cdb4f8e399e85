using System.Globalization;
using System.Text.Json;
using OrderTracking.Core.Orders;

namespace OrderTracking.Commerce.Shopify;

/// <summary>
/// Turns a verified Shopify webhook (topic header + body) into an <see cref="OrderEvent"/> keyed <c>shopify:{order id}</c>.
/// Handles <c>orders/create</c>, <c>orders/updated</c>, <c>orders/paid</c>, <c>orders/cancelled</c> (Kind Cancelled),
/// <c>fulfillments/create</c> and <c>fulfillments/update</c> (reference §9.3). Other topics are Ignored. Pure.
/// </summary>
public static class ShopifyEventParser
{
    /// <summary>Parses one delivery.</summary>
    /// <param name="topic">The <c>X-Shopify-Topic</c> header.</param>
    /// <param name="webhookId">The <c>X-Shopify-Webhook-Id</c> header (becomes <see cref="OrderEvent.EventId"/>).</param>
    /// <param name="json">The raw body.</param>
    public static WebhookParseResult Parse(string topic, string? webhookId, ReadOnlySpan<byte> json)
    {
        string? eventId = CommerceText.Clean(webhookId);
        string normalized = topic?.Trim().ToLowerInvariant() ?? string.Empty;
        try
        {
            switch (normalized)
            {
                case "orders/create" or "orders/updated" or "orders/paid":
                    return ParseOrder(normalized, eventId, json, OrderEventKind.Upsert);
                case "orders/cancelled":
                    return ParseOrder(normalized, eventId, json, OrderEventKind.Cancelled);
                case "fulfillments/create" or "fulfillments/update":
                    return ParseFulfillment(normalized, eventId, json);
                default:
                    using (JsonDocument.Parse(json.ToArray()))
                    {
                        return WebhookParseResult.Ignored(CommerceText.Clean(topic), eventId, "topic not handled");
                    }
            }
        }
        catch (JsonException)
        {
            return WebhookParseResult.Malformed(CommerceText.Clean(topic), eventId, "body is not a valid JSON object of the expected shape");
        }
    }

    private static WebhookParseResult ParseOrder(string topic, string? eventId, ReadOnlySpan<byte> json, OrderEventKind kind)
    {
        ShopifyOrder? order = JsonSerializer.Deserialize(json, ShopifyJsonContext.Default.ShopifyOrder);
        if (order is null || order.Id <= 0)
        {
            return WebhookParseResult.Malformed(topic, eventId, "order id missing");
        }

        string externalId = order.Id.ToString(CultureInfo.InvariantCulture);
        string? name = order.ShippingAddress is { } ship ? CommerceText.Clean(ship.Name) ?? CommerceText.JoinName(ship.FirstName, ship.LastName) : null;
        name ??= CommerceText.JoinName(order.Customer?.FirstName, order.Customer?.LastName);
        name ??= order.BillingAddress is { } bill ? CommerceText.Clean(bill.Name) ?? CommerceText.JoinName(bill.FirstName, bill.LastName) : null;

        var shipments = new List<ShipmentInfo>();
        var cancelled = new List<ShipmentCancellation>();
        foreach (ShopifyFulfillment fulfillment in order.Fulfillments ?? [])
        {
            if (fulfillment is not null)
            {
                AddShipments(shipments, fulfillment, FulfillmentGid(fulfillment));
                cancelled.AddRange(Cancellations(fulfillment, FulfillmentGid(fulfillment)));
            }
        }

        return WebhookParseResult.Parsed(
            new OrderEvent
            {
                Source = OrderSources.Shopify,
                ExternalId = externalId,
                Kind = kind,
                EventId = eventId,
                OccurredAt = kind == OrderEventKind.Cancelled ? order.CancelledAt ?? order.UpdatedAt : order.UpdatedAt ?? order.CreatedAt,
                OrderNumber = CommerceText.Clean(order.Name),
                Customer = CommerceText.Customer(order.Email ?? order.ContactEmail ?? order.Customer?.Email, name, order.CustomerLocale ?? order.Customer?.Locale,
                    order.Phone ?? order.Customer?.Phone ?? order.ShippingAddress?.Phone),
                References = OrderReferences(order, externalId),
                Shipments = shipments,
                CancelledShipments = cancelled,
            },
            topic);
    }

    private static Dictionary<string, string> OrderReferences(ShopifyOrder order, string externalId)
    {
        var references = new Dictionary<string, string>
        {
            [PlatformReferenceKeys.ShopifyOrderGid] = CommerceText.Clean(order.AdminGraphqlApiId) ?? $"gid://shopify/Order/{externalId}",
        };
        string gateways = string.Join(",", (order.PaymentGatewayNames ?? []).Select(CommerceText.Clean).OfType<string>().Where(g => !g.Contains(',', StringComparison.Ordinal)));
        if (gateways.Length > 0)
        {
            references[PlatformReferenceKeys.ShopifyPaymentGateways] = gateways;
        }

        return references;
    }

    private static WebhookParseResult ParseFulfillment(string topic, string? eventId, ReadOnlySpan<byte> json)
    {
        ShopifyFulfillment? fulfillment = JsonSerializer.Deserialize(json, ShopifyJsonContext.Default.ShopifyFulfillment);
        if (fulfillment is null || fulfillment.Id <= 0 || fulfillment.OrderId <= 0)
        {
            return WebhookParseResult.Malformed(topic, eventId, "fulfillment id or order_id missing");
        }

        string externalId = fulfillment.OrderId.ToString(CultureInfo.InvariantCulture);
        string gid = FulfillmentGid(fulfillment);
        var references = new Dictionary<string, string>
        {
            [PlatformReferenceKeys.ShopifyOrderGid] = $"gid://shopify/Order/{externalId}",
            [PlatformReferenceKeys.ShopifyFulfillmentGid] = gid,
        };
        AddIfPresent(references, ShopifyReferenceKeys.FulfillmentStatus, fulfillment.Status);
        AddIfPresent(references, ShopifyReferenceKeys.ShipmentStatus, fulfillment.ShipmentStatus);

        var shipments = new List<ShipmentInfo>();
        AddShipments(shipments, fulfillment, gid);
        ShopifyAddress? destination = fulfillment.Destination;
        string? name = destination is null ? null : CommerceText.Clean(destination.Name) ?? CommerceText.JoinName(destination.FirstName, destination.LastName);

        return WebhookParseResult.Parsed(
            new OrderEvent
            {
                Source = OrderSources.Shopify,
                ExternalId = externalId,
                EventId = eventId,
                OccurredAt = fulfillment.UpdatedAt ?? fulfillment.CreatedAt,
                OrderNumber = OrderNameFromFulfillmentName(fulfillment.Name),
                Customer = CommerceText.Customer(fulfillment.Email, name, null),
                References = references,
                Shipments = shipments,
                CancelledShipments = Cancellations(fulfillment, gid),
            },
            topic);
    }

    /// <summary>A cancelled fulfillment cancels the shipments it carried (their PayPal trackers go with them).</summary>
    private static List<ShipmentCancellation> Cancellations(ShopifyFulfillment fulfillment, string gid) =>
        fulfillment.Status == "cancelled"
            ? [.. Numbers(fulfillment).OfType<string>().Distinct(StringComparer.Ordinal).Select(n => new ShipmentCancellation(n, gid))]
            : [];

    private static List<string?> Numbers(ShopifyFulfillment fulfillment) =>
        [.. (fulfillment.TrackingNumbers is { Count: > 0 } many ? many : [fulfillment.TrackingNumber]).Select(CommerceText.Clean)];

    /// <summary>Adds one shipment per tracking number of a live fulfillment; cancelled/failed fulfillments add none.</summary>
    private static void AddShipments(List<ShipmentInfo> shipments, ShopifyFulfillment fulfillment, string gid)
    {
        if (fulfillment.Status is "cancelled" or "error" or "failure")
        {
            return;
        }

        List<string?> numbers = Numbers(fulfillment);
        List<string?> urls = fulfillment.TrackingUrls is { Count: > 0 } manyUrls ? [.. manyUrls] : [fulfillment.TrackingUrl];
        string? carrier = CommerceText.Clean(fulfillment.TrackingCompany);
        for (int i = 0; i < numbers.Count; i++)
        {
            string? number = numbers[i];
            if (number is null || shipments.Exists(s => s.TrackingNumber == number))
            {
                continue;
            }

            // URLs pair with numbers by position; with a count mismatch only a single number can safely take the single URL.
            string? url = urls.Count == numbers.Count ? CommerceText.Clean(urls[i]) : null;
            shipments.Add(new ShipmentInfo(number, carrier, url, gid));
        }
    }

    private static string FulfillmentGid(ShopifyFulfillment fulfillment) =>
        CommerceText.Clean(fulfillment.AdminGraphqlApiId) ?? $"gid://shopify/Fulfillment/{fulfillment.Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Fulfillment names are the order name plus <c>.{n}</c> (e.g. <c>#1001.1</c> → <c>#1001</c>).</summary>
    private static string? OrderNameFromFulfillmentName(string? name)
    {
        string? clean = CommerceText.Clean(name);
        int dot = clean?.LastIndexOf('.') ?? -1;
        if (clean is null || dot <= 0 || dot == clean.Length - 1 || clean.AsSpan(dot + 1).ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        return clean[..dot];
    }

    private static void AddIfPresent(Dictionary<string, string> references, string key, string? value)
    {
        if (CommerceText.Clean(value) is { } v)
        {
            references[key] = v;
        }
    }
}
