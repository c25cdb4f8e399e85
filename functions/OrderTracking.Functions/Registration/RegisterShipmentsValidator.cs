using OrderTracking.Carriers;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Orders;

namespace OrderTracking.Functions.Registration;

/// <summary>Validates a registration and turns it into an <see cref="OrderEvent"/>; every problem is reported at once.</summary>
internal static class RegisterShipmentsValidator
{
    public const int MaxShipments = 50;
    private const int MaxNumberLength = CarrierResolver.MaxTrackingNumberLength;
    private const int MaxNameLength = 200;
    private const int MaxLocaleLength = 35; // BCP 47's longest practical tag
    private const int MaxCarrierLength = 64;
    private const int MaxUrlLength = 2048;

    public static (OrderEvent? Event, Dictionary<string, string[]> Errors) Validate(RegisterShipmentsRequest request, CarrierResolver resolver)
    {
        var errors = new Dictionary<string, string[]>();
        string orderId = request.OrderId?.Trim() ?? string.Empty;
        string orderKey = request.OrderKey?.Trim() ?? string.Empty;
        string source = OrderSources.Api;
        string externalId = orderId;
        if (orderKey.Length > 0)
        {
            if (orderId.Length > 0)
            {
                errors["orderKey"] = ["Give orderId (an order of your own) or orderKey (a platform's order), not both."];
            }
            else if (!OrderKey.IsValid(orderKey))
            {
                errors["orderKey"] = [$"Not an order key: '{{source}}:{{id}}' with source one of {string.Join(", ", OrderKey.Sources)}."];
            }
            else
            {
                int colon = orderKey.IndexOf(':', StringComparison.Ordinal);
                (source, externalId) = (orderKey[..colon], orderKey[(colon + 1)..]);
            }
        }
        else if (orderId.Length == 0 || !OrderKey.IsValid($"{OrderSources.Api}:{orderId}"))
        {
            errors["orderId"] = ["Required (or orderKey); at most 190 characters, without '/', '\\', '#', '?' or control characters."];
        }

        if (request.Email is { } email && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)))
        {
            errors["email"] = ["Not an email address."];
        }

        if (request.Name is { Length: > MaxNameLength })
        {
            errors["name"] = [$"At most {MaxNameLength} characters."];
        }

        if (request.Locale is { } locale && (locale.Trim().Length is 0 or > MaxLocaleLength || !locale.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            errors["locale"] = ["A language tag such as en, es or pt-BR."];
        }

        string? phone = request.Phone?.Trim();
        if (phone is { Length: > 0 } && !PhoneNumber.IsE164(phone))
        {
            errors["phone"] = ["Not an E.164 number: '+', the country code and the number, digits only, e.g. +14155550100."];
        }
        else if (request.Sms == true && string.IsNullOrEmpty(phone))
        {
            errors["sms"] = ["Texts need a phone number: give phone as well."];
        }

        IReadOnlyList<RegisterShipmentItem> items = request.Shipments ?? [];
        if (items.Count > MaxShipments)
        {
            errors["shipments"] = [$"At most {MaxShipments} shipments per request."];
        }

        var shipments = new List<ShipmentInfo>();
        var cancelled = new List<ShipmentCancellation>();
        for (int i = 0; i < items.Count && i < MaxShipments; i++)
        {
            RegisterShipmentItem? item = items[i];
            if (item is null)
            {
                errors[$"shipments[{i}]"] = ["Must be an object with a trackingNumber."];
                continue;
            }

            string number = CarrierResolver.NormalizeTrackingNumber(item.TrackingNumber ?? string.Empty);
            string? replaces = item.Replaces is null ? null : CarrierResolver.NormalizeTrackingNumber(item.Replaces);
            if (!CarrierResolver.IsWellFormed(number))
            {
                errors[$"shipments[{i}].trackingNumber"] = [$"Required; at most {MaxNumberLength} letters and digits (spaces and dashes are ignored)."];
            }
            else if (replaces is not null && (item.Cancelled || !CarrierResolver.IsWellFormed(replaces) || replaces == number))
            {
                errors[$"shipments[{i}].replaces"] = [$"The number of another shipment of this order (at most {MaxNumberLength} characters), and not on a cancelled entry."];
            }
            else if (item.Carrier is { Length: > MaxCarrierLength })
            {
                errors[$"shipments[{i}].carrier"] = [$"At most {MaxCarrierLength} characters."];
            }
            else if (item.TrackingUrl is { } url && (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed) || parsed.Scheme is not ("https" or "http")))
            {
                errors[$"shipments[{i}].trackingUrl"] = [$"An absolute http(s) URL of at most {MaxUrlLength} characters."];
            }
            else if (item.Cancelled)
            {
                cancelled.Add(new ShipmentCancellation(number));
            }
            else if (resolver.Resolve(item.Carrier, number).Count == 0)
            {
                errors[$"shipments[{i}].carrier"] = ["Unknown carrier, and none could be detected from the tracking number."];
            }
            else
            {
                shipments.Add(new ShipmentInfo(number, item.Carrier, item.TrackingUrl, Replaces: replaces));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new OrderEvent
        {
            Source = source,
            ExternalId = externalId,
            OrderNumber = source == OrderSources.Api ? orderId : null, // a platform's order keeps the number it sent
            Customer = new CustomerInfo(request.Email?.Trim(), request.Name?.Trim(), request.Locale?.Trim(), string.IsNullOrEmpty(phone) ? null : phone, request.Sms),
            Shipments = shipments,
            CancelledShipments = cancelled,
        }, errors);
    }
}
