using OrderTracking.Core.Tracking;

namespace OrderTracking.Functions.Tracking;

/// <summary>Public tracking pages per carrier, used when the platform gave no URL (the sandbox has none).</summary>
internal static class TrackingUrls
{
    public static string? For(string carrier, string trackingNumber)
    {
        string n = Uri.EscapeDataString(trackingNumber);
        return carrier switch
        {
            CarrierCodes.Ups => $"https://www.ups.com/track?tracknum={n}",
            CarrierCodes.FedEx => $"https://www.fedex.com/fedextrack/?trknbr={n}",
            CarrierCodes.Usps => $"https://tools.usps.com/go/TrackConfirmAction?tLabels={n}",
            CarrierCodes.Dhl => $"https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id={n}",
            _ => null,
        };
    }
}
