using System.Text.Json;
using OrderTracking.Core.Orders;

namespace OrderTracking.Commerce.Stripe;

/// <summary>
/// Turns a verified Stripe event into an <see cref="OrderEvent"/> keyed <c>stripe:{PaymentIntent id}</c>. Handles
/// <c>checkout.session.completed</c>, <c>payment_intent.succeeded</c>, <c>charge.succeeded</c> and <c>charge.updated</c>
/// (reference §0, §2); other types are Ignored. Pure.
/// </summary>
public static class StripeEventParser
{
    private const long MaxUnixSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

    /// <summary>Parses one event body.</summary>
    public static WebhookParseResult Parse(ReadOnlySpan<byte> json)
    {
        StripeEvent? stripeEvent;
        try
        {
            stripeEvent = JsonSerializer.Deserialize(json, StripeJsonContext.Default.StripeEvent);
        }
        catch (JsonException)
        {
            return WebhookParseResult.Malformed(null, null, "body is not a valid Stripe event JSON object");
        }

        string? id = CommerceText.Clean(stripeEvent?.Id);
        string? type = CommerceText.Clean(stripeEvent?.Type);
        if (stripeEvent is null || id is null || type is null)
        {
            return WebhookParseResult.Malformed(type, id, "event id or type missing");
        }

        if (type is not ("checkout.session.completed" or "payment_intent.succeeded" or "charge.succeeded" or "charge.updated"))
        {
            return WebhookParseResult.Ignored(type, id, "event type not handled");
        }

        StripeObject? obj = stripeEvent.Data?.Object;
        if (obj is null || CommerceText.Clean(obj.Id) is null)
        {
            return WebhookParseResult.Malformed(type, id, "data.object.id missing");
        }

        if (stripeEvent.Created is < 0 or > MaxUnixSeconds)
        {
            return WebhookParseResult.Malformed(type, id, "created out of range");
        }

        DateTimeOffset? occurredAt = stripeEvent.Created is { } created ? DateTimeOffset.FromUnixTimeSeconds(created) : null;
        return type switch
        {
            "checkout.session.completed" => FromCheckoutSession(type, id, occurredAt, obj),
            "payment_intent.succeeded" => FromPaymentIntent(type, id, occurredAt, obj),
            _ => FromCharge(type, id, occurredAt, obj),
        };
    }

    private static WebhookParseResult FromCheckoutSession(string type, string id, DateTimeOffset? occurredAt, StripeObject session)
    {
        string? paymentIntent = CommerceText.Clean(session.PaymentIntent);
        if (paymentIntent is null)
        {
            // Setup/subscription sessions (and unpaid ones) carry no PaymentIntent: nothing to ship against.
            return WebhookParseResult.Ignored(type, id, "checkout session has no payment_intent");
        }

        string? name = CommerceText.Clean(session.CollectedInformation?.ShippingDetails?.Name)
            ?? CommerceText.Clean(session.ShippingDetails?.Name) // pre-basil API versions
            ?? CommerceText.Clean(session.CustomerDetails?.Name);
        var references = new Dictionary<string, string> { [PlatformReferenceKeys.StripePaymentIntentId] = paymentIntent };
        return Build(type, id, occurredAt, paymentIntent, CommerceText.Customer(session.CustomerDetails?.Email, name, session.Locale, session.CustomerDetails?.Phone), references, []);
    }

    private static WebhookParseResult FromPaymentIntent(string type, string id, DateTimeOffset? occurredAt, StripeObject intent)
    {
        string paymentIntent = intent.Id!.Trim();
        var references = new Dictionary<string, string> { [PlatformReferenceKeys.StripePaymentIntentId] = paymentIntent };
        AddIfPresent(references, PlatformReferenceKeys.StripeChargeId, intent.LatestCharge);
        CustomerInfo? customer = CommerceText.Customer(intent.ReceiptEmail, intent.Shipping?.Name, null, intent.Shipping?.Phone);
        return Build(type, id, occurredAt, paymentIntent, customer, references, Shipments(intent.Shipping));
    }

    private static WebhookParseResult FromCharge(string type, string id, DateTimeOffset? occurredAt, StripeObject charge)
    {
        string chargeId = charge.Id!.Trim();
        string? paymentIntent = CommerceText.Clean(charge.PaymentIntent);
        var references = new Dictionary<string, string> { [PlatformReferenceKeys.StripeChargeId] = chargeId };
        AddIfPresent(references, PlatformReferenceKeys.StripePaymentIntentId, paymentIntent);
        CustomerInfo? customer = CommerceText.Customer(
            charge.ReceiptEmail ?? charge.BillingDetails?.Email,
            CommerceText.Clean(charge.Shipping?.Name) ?? charge.BillingDetails?.Name,
            null,
            charge.Shipping?.Phone);

        // Charges made without a PaymentIntent (legacy Charges API) are keyed by the charge id.
        return Build(type, id, occurredAt, paymentIntent ?? chargeId, customer, references, Shipments(charge.Shipping));
    }

    /// <summary>Stripe's <c>shipping.tracking_number</c> is free text; merchants put several numbers comma-separated.</summary>
    private static List<ShipmentInfo> Shipments(StripeShipping? shipping)
    {
        var shipments = new List<ShipmentInfo>();
        if (CommerceText.Clean(shipping?.TrackingNumber) is not { } numbers)
        {
            return shipments;
        }

        string? carrier = CommerceText.Clean(shipping!.Carrier);
        foreach (string number in numbers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!shipments.Exists(s => s.TrackingNumber == number))
            {
                shipments.Add(new ShipmentInfo(number, carrier));
            }
        }

        return shipments;
    }

    private static WebhookParseResult Build(string type, string id, DateTimeOffset? occurredAt, string externalId, CustomerInfo? customer, Dictionary<string, string> references, List<ShipmentInfo> shipments)
    {
        if (!CommerceText.IsValidKey(OrderSources.Stripe, externalId))
        {
            return WebhookParseResult.Malformed(type, id, "object id is not a valid order key");
        }

        return WebhookParseResult.Parsed(
            new OrderEvent
            {
                Source = OrderSources.Stripe,
                ExternalId = externalId,
                EventId = id,
                OccurredAt = occurredAt,
                OrderNumber = externalId,
                Customer = customer,
                References = references,
                Shipments = shipments,
            },
            type);
    }

    private static void AddIfPresent(Dictionary<string, string> references, string key, string? value)
    {
        if (CommerceText.Clean(value) is { } v)
        {
            references[key] = v;
        }
    }
}
