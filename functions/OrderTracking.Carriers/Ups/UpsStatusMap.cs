using System.Collections.Frozen;
using OrderTracking.Core.Tracking;
using OrderTracking.Carriers.Ups.Wire;
using S = OrderTracking.Core.Tracking.TrackingStatus;

namespace OrderTracking.Carriers.Ups;

/// <summary>
/// UPS status → normalized (carriers.md §1.1 code lists, §7.1 table). Resolution: 3-digit <c>statusCode</c> →
/// 2-character <c>code</c> (out for delivery hides under type <c>I</c>) → activity <c>type</c> → text → unknown.
/// </summary>
internal static class UpsStatusMap
{
    private static readonly FrozenDictionary<int, MappedStatus> s_byStatusCode = BuildStatusCodes();

    private static readonly FrozenDictionary<string, MappedStatus> s_byCode = new Dictionary<string, MappedStatus>(StringComparer.Ordinal)
    {
        ["OT"] = new(S.OutForDelivery), ["OF"] = new(S.OutForDelivery), ["OD"] = new(S.OutForDelivery),
        ["YF"] = new(S.OutForDelivery), ["YI"] = new(S.OutForDelivery),
        ["MP"] = new(S.LabelCreated), ["PL"] = new(S.LabelCreated), ["OC"] = new(S.LabelCreated), ["RD"] = new(S.LabelCreated),
        ["VP"] = new(S.Cancelled),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, MappedStatus> s_byType = new Dictionary<string, MappedStatus>(StringComparer.Ordinal)
    {
        ["M"] = new(S.LabelCreated), ["MV"] = new(S.Cancelled), ["I"] = new(S.InTransit), ["P"] = new(S.InTransit),
        ["U"] = new(S.InTransit), ["D"] = new(S.Delivered), ["X"] = new(S.Exception), ["NA"] = new(S.NotFound),
        ["DO"] = new(S.InTransit), ["DD"] = new(S.InTransit), ["W"] = new(S.InTransit),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static MappedStatus Map(Status? status)
    {
        if (status is null)
        {
            return MappedStatus.Unknown;
        }

        if (int.TryParse(status.StatusCode, out int statusCode) && s_byStatusCode.TryGetValue(statusCode, out MappedStatus byStatusCode))
        {
            return byStatusCode;
        }

        // Type I covers both in transit and out for delivery: the scan code tells them apart (Track Alert OFD = I/OT [S3]).
        if (status.Code is { } code && s_byCode.TryGetValue(code, out MappedStatus byCode))
        {
            return byCode;
        }

        if (status.Type is { } type && s_byType.TryGetValue(type.Trim(), out MappedStatus byType))
        {
            return byType;
        }

        return TextHeuristics.Map(status.Description);
    }

    /// <summary>The most specific code present, for logging an unmapped status.</summary>
    public static string CodeOf(Status? status) => $"{status?.Type}/{status?.Code}/{status?.StatusCode}";

    private static FrozenDictionary<int, MappedStatus> BuildStatusCodes()
    {
        var map = new Dictionary<int, MappedStatus>();
        void Add(MappedStatus mapped, params int[] codes)
        {
            foreach (int code in codes)
            {
                map[code] = mapped;
            }
        }

        Add(new(S.LabelCreated), 3, 79, 80, 157);
        Add(new(S.InTransit), 5, 10, 12, 14, 25, 38, 39, 47, 71, 87, 92, 153, 154, 160, 167, 168, 169);
        Add(new(S.InTransit, TrackingReason.WeatherDelay, Delayed: true), 32, 51, 52, 53);
        Add(new(S.InTransit, TrackingReason.CarrierDelay, Delayed: true), 46, 48, 49, 86, 90);
        Add(new(S.OutForDelivery), 6, 21, 37, 72, 89, 91, 146, 162);
        Add(new(S.AvailableForPickup), 17, 40, 144, 161);
        Add(new(S.DeliveryAttempted, TrackingReason.RecipientUnavailable), 22, 23, 24, 60, 61, 62, 66, 145);
        Add(new(S.Delivered), 11, 26, 143);
        Add(new(S.Exception, TrackingReason.Other), 13, 29, 30, 50, 58, 69, 83, 85, 124, 125, 126, 132, 139, 149);
        Add(new(S.Exception, TrackingReason.Damaged), 59);
        Add(new(S.Exception, TrackingReason.Refused), 64);
        Add(new(S.Exception, TrackingReason.Lost), 68);
        Add(new(S.Exception, TrackingReason.Held), 147);
        Add(new(S.ReturnToSender), 33, 34, 35, 36, 67, 81, 118, 119);
        Add(new(S.Cancelled), 7);
        Add(new(S.NotFound), 148, 163);
        return map.ToFrozenDictionary();
    }
}
