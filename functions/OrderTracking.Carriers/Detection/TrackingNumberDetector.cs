using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Detection;

/// <summary>
/// Ranks carriers by a normalized number's format and check digit (carriers.md §5). Rules run from the most to the
/// least specific; a number may satisfy several (collisions are real), so the result is a ranking, not an answer.
/// </summary>
internal static class TrackingNumberDetector
{
    private static readonly int[] s_fedEx12Weights = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];
    private static readonly string[] s_dhlECommercePrefixes = ["GM", "LX", "RX", "UV", "CN", "SG", "TH", "IN", "HK", "MY"];

    /// <summary>Adds every matching carrier code to <paramref name="ranked"/> (no duplicates).</summary>
    public static void Detect(string number, List<string> ranked)
    {
        if (number.StartsWith("SBX", StringComparison.Ordinal))
        {
            Add(ranked, CarrierCodes.Sandbox);
            return;
        }

        if (IsUps1Z(number))
        {
            Add(ranked, CarrierCodes.Ups);
        }

        DetectS10(number, ranked);
        if (CheckDigits.AllDigits(number))
        {
            DetectNumeric(number, ranked);
        }

        if (IsDhlPieceId(number) || IsDhlECommerce(number))
        {
            Add(ranked, CarrierCodes.Dhl);
        }
    }

    private static void DetectNumeric(string number, List<string> ranked)
    {
        if (IsUspsRouted(number) || IsImpb(number) || IsUsps20(number))
        {
            Add(ranked, CarrierCodes.Usps);
        }

        if (IsFedExSmartPost(number) || IsFedExGround96(number) || IsFedExGround15(number) || IsFedExExpress12(number))
        {
            Add(ranked, CarrierCodes.FedEx);
        }

        // DHL Express air waybill: 9–10 digit serial + mod 7 check.
        if (number.Length is 10 or 11 && CheckDigits.Mod7(number.AsSpan(0, number.Length - 1), number[^1]))
        {
            Add(ranked, CarrierCodes.Dhl);
        }
    }

    // 1Z + 6 shipper + 2 service + 7 package + check; mod 10 over the 15 characters after 1Z, odd positions × 2.
    internal static bool IsUps1Z(string n) =>
        n.Length == 18 && n.StartsWith("1Z", StringComparison.Ordinal) && IsAsciiAlphanumeric(n.AsSpan(2)) &&
        CheckDigits.Mod10(n.AsSpan(2, 15), n[17], evens: 1, odds: 2);

    // UPU S10: 2 letters + 8 digits + check + ISO country. USPS tracks US items and inbound international mail; DHL's
    // unified API also covers postal services (e.g. Deutsche Post), so non-US items rank USPS then DHL.
    private static void DetectS10(string n, List<string> ranked)
    {
        if (n.Length != 13 || !char.IsAsciiLetterUpper(n[0]) || !char.IsAsciiLetterUpper(n[1]) ||
            !CheckDigits.AllDigits(n.AsSpan(2, 9)) || !char.IsAsciiLetterUpper(n[11]) || !char.IsAsciiLetterUpper(n[12]) ||
            !CheckDigits.S10(n.AsSpan(2, 8), n[10]))
        {
            return;
        }

        Add(ranked, CarrierCodes.Usps);
        if (!n.EndsWith("US", StringComparison.Ordinal))
        {
            Add(ranked, CarrierCodes.Dhl);
        }
    }

    // 420 + ZIP5 (or ZIP+4) routing prefix in front of an IMpb or 20-digit number.
    internal static bool IsUspsRouted(string n)
    {
        if (!n.StartsWith("420", StringComparison.Ordinal))
        {
            return false;
        }

        return (n.Length > 8 && IsUspsCore(n[8..])) || (n.Length > 12 && IsUspsCore(n[12..]));
    }

    private static bool IsUspsCore(string n) => IsImpb(n) || IsUsps20(n);

    // IMpb: 9[1-5] application identifier + serial, 22 or 26 digits; mod 10 with even positions × 3.
    internal static bool IsImpb(string n) =>
        n.Length is 22 or 26 && n[0] == '9' && n[1] is >= '1' and <= '5' &&
        CheckDigits.Mod10(n.AsSpan(0, n.Length - 1), n[^1], evens: 3, odds: 1);

    // 20 digits: service(2) + mailer(9) + package(8) + check; also IMpb without its "91" identifier.
    internal static bool IsUsps20(string n) =>
        n.Length == 20 &&
        (CheckDigits.Mod10(n.AsSpan(0, 19), n[19], evens: 3, odds: 1) ||
         CheckDigits.Mod10(string.Concat("91", n.AsSpan(0, 19)), n[19], evens: 3, odds: 1));

    // SmartPost / Ground Economy: IMpb with "92", or 20 digits printed without it.
    internal static bool IsFedExSmartPost(string n) =>
        (n.Length == 22 && n.StartsWith("92", StringComparison.Ordinal) && IsImpb(n)) ||
        (n.Length == 20 && !n.StartsWith("92", StringComparison.Ordinal) &&
         CheckDigits.Mod10(string.Concat("92", n.AsSpan(0, 19)), n[19], evens: 3, odds: 1));

    // 96 + SCNC(2) + service(3) + shipper(7) + package(7) + check; mod 10 over shipper+package, odd positions × 3.
    internal static bool IsFedExGround96(string n) =>
        n.Length == 22 && n.StartsWith("96", StringComparison.Ordinal) &&
        CheckDigits.Mod10(n.AsSpan(7, 14), n[21], evens: 1, odds: 3);

    internal static bool IsFedExGround15(string n) =>
        n.Length == 15 && CheckDigits.Mod10(n.AsSpan(0, 14), n[14], evens: 1, odds: 3);

    internal static bool IsFedExExpress12(string n) =>
        n.Length == 12 && CheckDigits.WeightedModulo(n.AsSpan(0, 11), n[11], s_fedEx12Weights, 11, 10);

    private static bool IsDhlPieceId(string n) =>
        n.Length is >= 12 and <= 14 && n[0] == 'J' &&
        ((char.IsAsciiLetterUpper(n[1]) && char.IsAsciiLetterUpper(n[2]) && CheckDigits.AllDigits(n.AsSpan(3)) && n.Length - 3 >= 9) ||
         (char.IsAsciiLetterUpper(n[3]) && CheckDigits.AllDigits(n.AsSpan(4)) && n.Length - 4 >= 9));

    private static bool IsDhlECommerce(string n) =>
        n.Length is >= 12 and <= 41 && s_dhlECommercePrefixes.Contains(n[..2], StringComparer.Ordinal) &&
        CheckDigits.AllDigits(n.AsSpan(2));

    private static bool IsAsciiAlphanumeric(ReadOnlySpan<char> value)
    {
        foreach (char c in value)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void Add(List<string> ranked, string code)
    {
        if (!ranked.Contains(code, StringComparer.Ordinal))
        {
            ranked.Add(code);
        }
    }
}
