namespace OrderTracking.Functions.Tracking;

/// <summary>
/// The read model served to storefronts (DESIGN §9, contract). No address, name, email or phone. Added to the
/// contract's fields: <c>orderNumber</c> (as the platform shows it, e.g. <c>#1001</c>) and <c>locale</c> (the language
/// subtag of the order's locale, e.g. <c>es</c>), so the page and widget speak the customer's language.
/// </summary>
internal sealed record TrackingResponse(string OrderKey, IReadOnlyList<ShipmentView> Shipments, string? OrderNumber = null, string? Locale = null)
{
    /// <summary>The response for an order: its shipments as customers see them, its number and language.</summary>
    public static TrackingResponse For(string orderKey, Storage.OrderRecord? order, IReadOnlyList<Storage.ShipmentRecord> shipments) =>
        new(orderKey, TrackingViewMapper.ToViews(shipments), order?.OrderNumber, Language(order?.Locale));

    /// <summary>The primary language subtag (<c>es-MX</c> → <c>es</c>), or null when there is none that is well formed.</summary>
    public static string? Language(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        string primary = locale.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }
}
