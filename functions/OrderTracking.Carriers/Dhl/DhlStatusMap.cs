using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Dhl;

/// <summary>
/// DHL <c>statusCode</c> ∈ pre-transit, transit, delivered, failure, unknown (carriers.md §1.4) → normalized. The codes
/// are coarse, so text refines transit (out for delivery) and failure (attempt, return).
/// </summary>
internal static class DhlStatusMap
{
    public static MappedStatus Map(string? statusCode, string? status, string? description)
    {
        string text = $"{status} {description}";
        MappedStatus byText = TextHeuristics.Map(text);
        return statusCode?.Trim().ToLowerInvariant() switch
        {
            "pre-transit" => new(TrackingStatus.LabelCreated),
            "transit" => byText.Status == TrackingStatus.OutForDelivery ? byText : new(TrackingStatus.InTransit),
            "delivered" => new(TrackingStatus.Delivered),
            "failure" => byText.Status is TrackingStatus.ReturnToSender or TrackingStatus.DeliveryAttempted
                ? byText
                : new(TrackingStatus.Exception, byText.Reason ?? TrackingReason.Other),
            _ => byText,
        };
    }
}
