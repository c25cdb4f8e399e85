using OrderTracking.Carriers;
using OrderTracking.Core.Orders;

namespace OrderTracking.Functions.Registration;

/// <summary>Validates a registration and turns it into an <see cref="OrderEvent"/>; every problem is reported at once.</summary>
internal static class RegisterShipmentsValidator
{
    public const int MaxShipments = 50;
    private const int MaxNumberLength = 64;

    public static (OrderEvent? Event, Dictionary<string, string[]> Errors) Validate(RegisterShipmentsRequest request, CarrierResolver resolver)
    {
        var errors = new Dictionary<string, string[]>();
        string orderId = request.OrderId?.Trim() ?? string.Empty;
        if (orderId.Length == 0 || !OrderKey.IsValid($"{OrderSources.Api}:{orderId}"))
        {
            errors["orderId"] = ["Required; at most 190 characters, without '/', '\\', '#', '?' or control characters."];
        }

        if (request.Email is { } email && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)))
        {
            errors["email"] = ["Not an email address."];
        }

        IReadOnlyList<RegisterShipmentItem> items = request.Shipments ?? [];
        if (items.Count > MaxShipments)
        {
            errors["shipments"] = [$"At most {MaxShipments} shipments per request."];
        }

        var shipments = new List<ShipmentInfo>();
        for (int i = 0; i < items.Count && i < MaxShipments; i++)
        {
            string number = CarrierResolver.NormalizeTrackingNumber(items[i].TrackingNumber ?? string.Empty);
            if (number.Length == 0 || number.Length > MaxNumberLength)
            {
                errors[$"shipments[{i}].trackingNumber"] = [$"Required; at most {MaxNumberLength} characters."];
            }
            else if (resolver.Resolve(items[i].Carrier, number).Count == 0)
            {
                errors[$"shipments[{i}].carrier"] = ["Unknown carrier, and none could be detected from the tracking number."];
            }
            else
            {
                shipments.Add(new ShipmentInfo(number, items[i].Carrier, items[i].TrackingUrl));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new OrderEvent
        {
            Source = OrderSources.Api,
            ExternalId = orderId,
            OrderNumber = orderId,
            Customer = new CustomerInfo(request.Email?.Trim(), request.Name?.Trim(), request.Locale?.Trim()),
            Shipments = shipments,
        }, errors);
    }
}
