using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Tracking;

/// <summary>Maps stored shipments to the public view: only tracking facts, never customer data.</summary>
internal static class TrackingViewMapper
{
    /// <summary>
    /// The order's shipments as customers should see them: a label replaced by a corrected one is left out (it was a
    /// mistake, not a cancelled parcel); a shipment cancelled on its own is shown as cancelled.
    /// </summary>
    public static List<ShipmentView> ToViews(IReadOnlyList<ShipmentRecord> shipments)
    {
        HashSet<string> replaced = [.. shipments.Select(s => s.Replaces).OfType<string>()];
        return [.. shipments.Where(s => !(s.Tracking.Status == Core.Tracking.TrackingStatus.Cancelled && replaced.Contains(s.TrackingNumber))).Select(ToView)];
    }

    private static ShipmentView ToView(ShipmentRecord s) => new(
        s.Carrier,
        s.TrackingNumber,
        SafeUrl(s.TrackingUrl) ?? TrackingUrls.For(s.Carrier, s.TrackingNumber),
        s.Tracking.Status,
        s.Tracking.Reason,
        s.Tracking.Delayed,
        s.Tracking.Eta,
        s.Tracking.UpdatedAt,
        [.. s.Tracking.Events.Select(e => new EventView(e.Time, e.Status, e.Description, e.City, e.Region, e.Country))]);

    /// <summary>A platform-supplied URL is served only when it is absolute http(s): no <c>javascript:</c> links.</summary>
    private static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
}
