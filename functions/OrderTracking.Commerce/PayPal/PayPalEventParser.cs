using System.Text.Json;
using OrderTracking.Core.Orders;

namespace OrderTracking.Commerce.PayPal;

/// <summary>
/// Turns a verified PayPal webhook into an <see cref="OrderEvent"/> keyed <c>paypal:{order id}</c> (reference §6):
/// <c>CHECKOUT.ORDER.APPROVED</c> (Order resource; the order is fetched only if it lacks the payer email) and
/// <c>PAYMENT.CAPTURE.COMPLETED</c> (Capture resource; order id from <c>supplementary_data.related_ids.order_id</c>, the
/// order fetched through the Orders API for payer email and shipping name). Other types are Ignored.
/// </summary>
public sealed class PayPalEventParser
{
    private const string OrderApproved = "CHECKOUT.ORDER.APPROVED";
    private const string CaptureCompleted = "PAYMENT.CAPTURE.COMPLETED";

    /// <summary>The event types <see cref="ParseAsync"/> turns into orders; any other type is ignored.</summary>
    public static IReadOnlySet<string> HandledEventTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { OrderApproved, CaptureCompleted };
    private const string OrderLinkPath = "/v2/checkout/orders/";

    private readonly PayPalOrdersClient _orders;

    internal PayPalEventParser(PayPalOrdersClient orders) => _orders = orders;

    /// <summary>
    /// Parses one event body. Throws <see cref="HttpRequestException"/> when the Orders API fails transiently (let the
    /// queue retry); a 404 from it yields an event without customer details.
    /// </summary>
    public async Task<WebhookParseResult> ParseAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        PayPalEvent? paypalEvent;
        try
        {
            paypalEvent = JsonSerializer.Deserialize(json.Span, PayPalJsonContext.Default.PayPalEvent);
        }
        catch (JsonException)
        {
            return WebhookParseResult.Malformed(null, null, "body is not a valid PayPal event JSON object");
        }

        string? id = CommerceText.Clean(paypalEvent?.Id);
        string? type = CommerceText.Clean(paypalEvent?.EventType);
        if (paypalEvent is null || id is null || type is null)
        {
            return WebhookParseResult.Malformed(type, id, "event id or event_type missing");
        }

        if (type is not (OrderApproved or CaptureCompleted))
        {
            return WebhookParseResult.Ignored(type, id, "event type not handled");
        }

        PayPalResource? resource = paypalEvent.Resource;
        string? resourceId = CommerceText.Clean(resource?.Id);
        if (resource is null || resourceId is null)
        {
            return WebhookParseResult.Malformed(type, id, "resource.id missing");
        }

        string? orderId = type == OrderApproved ? resourceId : CommerceText.Clean(resource.SupplementaryData?.RelatedIds?.OrderId) ?? OrderIdFromLinks(resource.Links);
        if (orderId is null || !CommerceText.IsValidKey(OrderSources.PayPal, orderId))
        {
            return WebhookParseResult.Malformed(type, id, "order id missing or invalid");
        }

        PayPalResource? order = type == OrderApproved ? resource : null;
        if (order is null || Email(order) is null)
        {
            order = await _orders.GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false) ?? order;
        }

        var references = new Dictionary<string, string> { [PlatformReferenceKeys.PayPalOrderId] = orderId };
        string? captureId = type == CaptureCompleted ? resourceId : FirstCaptureId(order);
        if (captureId is not null)
        {
            references[PlatformReferenceKeys.PayPalCaptureId] = captureId;
        }

        return WebhookParseResult.Parsed(
            new OrderEvent
            {
                Source = OrderSources.PayPal,
                ExternalId = orderId,
                EventId = id,
                OccurredAt = paypalEvent.CreateTime,
                OrderNumber = orderId,
                Customer = order is null ? null : CommerceText.Customer(Email(order), Name(order), null),
                References = references,
            },
            type);
    }

    private static string? Email(PayPalResource order) =>
        CommerceText.Clean(order.Payer?.EmailAddress) ?? CommerceText.Clean(order.PaymentSource?.Paypal?.EmailAddress);

    private static string? Name(PayPalResource order)
    {
        foreach (PayPalPurchaseUnit? unit in order.PurchaseUnits ?? [])
        {
            if (CommerceText.Clean(unit?.Shipping?.Name?.FullName) is { } fullName)
            {
                return fullName;
            }
        }

        PayPalName? name = order.Payer?.Name ?? order.PaymentSource?.Paypal?.Name;
        return CommerceText.Clean(name?.FullName) ?? CommerceText.JoinName(name?.GivenName, name?.Surname);
    }

    private static string? FirstCaptureId(PayPalResource? order)
    {
        foreach (PayPalPurchaseUnit? unit in order?.PurchaseUnits ?? [])
        {
            foreach (PayPalCapture? capture in unit?.Payments?.Captures ?? [])
            {
                if (CommerceText.Clean(capture?.Id) is { } captureId)
                {
                    return captureId;
                }
            }
        }

        return null;
    }

    /// <summary>Fallback for captures without supplementary data: the <c>up</c> link to <c>/v2/checkout/orders/{id}</c>.</summary>
    private static string? OrderIdFromLinks(IReadOnlyList<PayPalLink?>? links)
    {
        foreach (PayPalLink? link in links ?? [])
        {
            if (link?.Rel == "up" && Uri.TryCreate(link.Href, UriKind.Absolute, out Uri? href) &&
                href.AbsolutePath.StartsWith(OrderLinkPath, StringComparison.Ordinal))
            {
                return CommerceText.Clean(href.AbsolutePath[OrderLinkPath.Length..]);
            }
        }

        return null;
    }
}
