using System.Collections.Frozen;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Detection;

/// <summary>Maps the carrier names platforms send (Shopify tracking company, PayPal carrier enum, free text) to codes.</summary>
internal static class PlatformCarrierNames
{
    // Keys are compared after dropping everything but letters and digits, upper case ("DHL_API" == "DHL API").
    private static readonly FrozenDictionary<string, string> s_codes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["UPS"] = CarrierCodes.Ups,
        ["UNITEDPARCELSERVICE"] = CarrierCodes.Ups,
        ["FEDEX"] = CarrierCodes.FedEx,
        ["FEDERALEXPRESS"] = CarrierCodes.FedEx,
        ["FEDEXGROUND"] = CarrierCodes.FedEx,
        ["FEDEXEXPRESS"] = CarrierCodes.FedEx,
        ["USPS"] = CarrierCodes.Usps,
        ["UNITEDSTATESPOSTALSERVICE"] = CarrierCodes.Usps,
        ["USPOSTALSERVICE"] = CarrierCodes.Usps,
        ["DHL"] = CarrierCodes.Dhl,
        ["DHLEXPRESS"] = CarrierCodes.Dhl,
        ["DHLECOMMERCE"] = CarrierCodes.Dhl,
        ["DHLAPI"] = CarrierCodes.Dhl,
        ["DHLGLOBALECOMMERCE"] = CarrierCodes.Dhl,
        ["SANDBOX"] = CarrierCodes.Sandbox,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The carrier code for a platform's name, or null when the name is empty or unknown.</summary>
    public static string? ToCode(string? platformCarrierName)
    {
        if (string.IsNullOrWhiteSpace(platformCarrierName))
        {
            return null;
        }

        Span<char> key = stackalloc char[Math.Min(platformCarrierName.Length, 64)];
        int length = 0;
        foreach (char c in platformCarrierName)
        {
            if (char.IsAsciiLetterOrDigit(c) && length < key.Length)
            {
                key[length++] = char.ToUpperInvariant(c);
            }
        }

        return s_codes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key[..length], out string? code) ? code : null;
    }
}
