using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers;

/// <summary>
/// Last-resort mapping from a carrier's event text (carriers.md §7: code → coarse field → text → unknown). DHL needs it
/// for out for delivery, which has no code of its own (§1.4).
/// </summary>
internal static class TextHeuristics
{
    public static MappedStatus Map(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return MappedStatus.Unknown;
        }

        if (Has(text, "out for delivery") || Has(text, "with courier") || Has(text, "on vehicle for delivery") ||
            Has(text, "out with courier"))
        {
            return new(TrackingStatus.OutForDelivery);
        }

        if (Has(text, "return"))
        {
            return new(TrackingStatus.ReturnToSender);
        }

        if (Has(text, "attempt") || Has(text, "not at home") || Has(text, "notice left"))
        {
            return new(TrackingStatus.DeliveryAttempted, TrackingReason.RecipientUnavailable);
        }

        if (Has(text, "delivered"))
        {
            return new(TrackingStatus.Delivered);
        }

        if (Has(text, "pickup") && (Has(text, "ready") || Has(text, "available")))
        {
            return new(TrackingStatus.AvailableForPickup);
        }

        if (Has(text, "customs"))
        {
            return new(TrackingStatus.Exception, TrackingReason.CustomsHold);
        }

        return MappedStatus.Unknown;
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
