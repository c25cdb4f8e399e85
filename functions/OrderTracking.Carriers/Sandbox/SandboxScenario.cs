using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Sandbox;

/// <summary>The scripted journeys of DESIGN §6, keyed by the digit after <c>SBX</c>.</summary>
internal static class SandboxScenario
{
    private static readonly TrackingStatus[][] s_journeys =
    [
        [TrackingStatus.LabelCreated],
        [TrackingStatus.LabelCreated, TrackingStatus.InTransit],
        [TrackingStatus.LabelCreated, TrackingStatus.InTransit, TrackingStatus.OutForDelivery],
        [TrackingStatus.LabelCreated, TrackingStatus.InTransit, TrackingStatus.OutForDelivery, TrackingStatus.Delivered],
        [TrackingStatus.LabelCreated, TrackingStatus.InTransit, TrackingStatus.ReturnToSender],
        [TrackingStatus.LabelCreated, TrackingStatus.InTransit, TrackingStatus.Exception],
    ];

    /// <summary>
    /// The journey for a normalized number, or null when the carrier does not know it: <c>SBX7</c> (notFound by
    /// design), any other scenario digit (0, 8, 9), a missing digit or a number without the <c>SBX</c> prefix.
    /// </summary>
    public static IReadOnlyList<TrackingStatus>? JourneyFor(string trackingNumber)
    {
        if (trackingNumber.Length < 4 || !trackingNumber.StartsWith("SBX", StringComparison.Ordinal))
        {
            return null;
        }

        int scenario = trackingNumber[3] - '0';
        return scenario is >= 1 and <= 6 ? s_journeys[scenario - 1] : null;
    }
}
