using System.Collections.Frozen;
using OrderTracking.Core.Tracking;
using S = OrderTracking.Core.Tracking.TrackingStatus;

namespace OrderTracking.Carriers.FedEx;

/// <summary>FedEx tracking status codes (carriers.md §1.2 "Tracking Status Codes" [S11], §7.1) → normalized.</summary>
internal static class FedExStatusMap
{
    // Delivery exception codes that mean "nobody there" rather than a problem (mock 377101283611590: 007).
    private static readonly FrozenSet<string> s_consigneeExceptions = FrozenSet.Create(StringComparer.Ordinal, "007", "08", "011", "012", "015", "15");
    private static readonly FrozenSet<string> s_addressExceptions = FrozenSet.Create(StringComparer.Ordinal, "03", "003", "083");

    private static readonly FrozenDictionary<string, MappedStatus> s_codes = Build();

    /// <summary>Maps a code; <paramref name="exceptionCode"/> refines DE (consignee vs problem).</summary>
    public static MappedStatus Map(string? code, string? exceptionCode = null, string? description = null)
    {
        if (code is null || !s_codes.TryGetValue(code.Trim(), out MappedStatus mapped))
        {
            return TextHeuristics.Map(description);
        }

        if (string.Equals(code, "DE", StringComparison.OrdinalIgnoreCase) && exceptionCode is not null)
        {
            if (s_consigneeExceptions.Contains(exceptionCode))
            {
                return new(S.DeliveryAttempted, TrackingReason.RecipientUnavailable);
            }

            if (s_addressExceptions.Contains(exceptionCode))
            {
                return new(S.Exception, TrackingReason.AddressProblem);
            }
        }

        return mapped;
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

        Add(new(S.LabelCreated), "OC", "OX", "DS", "EP", "AP");
        Add(new(S.InTransit), "PU", "PX", "IP", "IT", "IX", "AR", "AF", "AA", "AC", "AX", "DP", "EA", "EO", "FD", "LO", "OF",
            "OW", "PF", "PL", "PM", "SF", "TR", "CC", "CP", "CH", "AO", "AE", "SP", "DR", "RR", "RM", "RC", "RP", "LP", "RG", "RD",
            "IN", "MD", "US", "LC", "DO", "HA", "RA", "PR", "AS");
        Add(new(S.InTransit, TrackingReason.CarrierDelay, Delayed: true), "DD", "DY", "PD");
        Add(new(S.OutForDelivery), "OD", "ED", "AD");
        Add(new(S.AvailableForPickup), "HL", "HP");
        Add(new(S.Delivered), "DL");
        Add(new(S.Exception, TrackingReason.Other), "SE", "DE");
        Add(new(S.Exception, TrackingReason.CustomsHold), "CD");
        Add(new(S.ReturnToSender), "RS", "RT");
        Add(new(S.Cancelled), "CA");
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
