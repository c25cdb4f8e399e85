using System.Collections.Frozen;
using OrderTracking.Core.Tracking;
using S = OrderTracking.Core.Tracking.TrackingStatus;

namespace OrderTracking.Carriers.Usps;

/// <summary>USPS <c>eventCode</c> (Pub 199 [S25], karrio [S22]) → normalized, then <c>statusCategory</c>, then text (carriers.md §7.1).</summary>
internal static class UspsStatusMap
{
    private static readonly FrozenDictionary<string, MappedStatus> s_codes = Build();

    private static readonly FrozenDictionary<string, MappedStatus> s_categories = new Dictionary<string, MappedStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["Pre-Shipment"] = new(S.LabelCreated), ["Label Created"] = new(S.LabelCreated), ["Accepted"] = new(S.InTransit),
        ["In Transit"] = new(S.InTransit), ["Out for Delivery"] = new(S.OutForDelivery), ["Delivered"] = new(S.Delivered),
        ["Available for Pickup"] = new(S.AvailableForPickup), ["Alert"] = new(S.Exception, TrackingReason.Other),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static MappedStatus Map(string? eventCode, string? statusCategory, string? text)
    {
        if (eventCode is not null && s_codes.TryGetValue(eventCode.Trim(), out MappedStatus byCode))
        {
            return byCode;
        }

        if (statusCategory is not null && s_categories.TryGetValue(statusCategory.Trim(), out MappedStatus byCategory))
        {
            return byCategory;
        }

        return TextHeuristics.Map(text);
    }

    private static FrozenDictionary<string, MappedStatus> Build()
    {
        var map = new Dictionary<string, MappedStatus>(StringComparer.OrdinalIgnoreCase);
        void Add(MappedStatus status, params string[] codes)
        {
            foreach (string code in codes)
            {
                map[code] = status;
            }
        }

        Add(new(S.LabelCreated), "GX", "MA");
        Add(new(S.InTransit), "03", "06", "07", "10", "42", "80", "81", "82", "TM", "PA", "PC", "EF", "SF", "A1", "T1", "TL");
        Add(new(S.InTransit, TrackingReason.CarrierDelay, Delayed: true), "71");
        Add(new(S.OutForDelivery), "OF");
        Add(new(S.AvailableForPickup), "14", "16");
        Add(new(S.DeliveryAttempted, TrackingReason.RecipientUnavailable), "02", "30", "51", "52", "53", "54", "55", "56");
        Add(new(S.Delivered), "01", "17", "43");
        Add(new(S.Exception, TrackingReason.Refused), "04");
        Add(new(S.Exception, TrackingReason.AddressProblem), "05");
        Add(new(S.Exception, TrackingReason.Other), "08", "15");
        Add(new(S.ReturnToSender), "09", "21", "22", "23", "24", "25", "26", "27", "28", "29", "31");
        Add(new(S.Cancelled), "44");
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
