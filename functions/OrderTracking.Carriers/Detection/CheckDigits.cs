namespace OrderTracking.Carriers.Detection;

/// <summary>
/// Check-digit algorithms for tracking numbers (carriers.md §5; parameters from jkeen/tracking_number_data,
/// CHECKSUM_ALGORITHMS.md, MIT). Positions are 0-based from the left.
/// </summary>
internal static class CheckDigits
{
    /// <summary>
    /// Mod 10: each character's value (digit, or <c>(ASCII − 3) mod 10</c> for a letter) is multiplied by
    /// <paramref name="evens"/> or <paramref name="odds"/> by position; check = (10 − Σ mod 10) mod 10.
    /// </summary>
    public static bool Mod10(ReadOnlySpan<char> sequence, char checkDigit, int evens, int odds)
    {
        if (!char.IsAsciiDigit(checkDigit))
        {
            return false;
        }

        int total = 0;
        for (int i = 0; i < sequence.Length; i++)
        {
            char c = sequence[i];
            int value = char.IsAsciiDigit(c) ? c - '0' : (c - 3) % 10;
            total += value * (i % 2 == 0 ? evens : odds);
        }

        return (10 - (total % 10)) % 10 == checkDigit - '0';
    }

    /// <summary>Σ digit × weight (left to right), mod <paramref name="modulo1"/>, mod <paramref name="modulo2"/>.</summary>
    public static bool WeightedModulo(ReadOnlySpan<char> digits, char checkDigit, ReadOnlySpan<int> weights, int modulo1, int modulo2)
    {
        int total = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            total += (digits[i] - '0') * weights[i];
        }

        return total % modulo1 % modulo2 == checkDigit - '0';
    }

    /// <summary>Mod 7: the serial, read as a number, mod 7 (DHL Express air waybills).</summary>
    public static bool Mod7(ReadOnlySpan<char> digits, char checkDigit) =>
        long.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture) % 7 == checkDigit - '0';

    /// <summary>UPU S10: weights 8,6,4,2,3,5,9,7; r = Σ mod 11; check = 11 − r, with r = 1 → 0 and r = 0 → 5.</summary>
    public static bool S10(ReadOnlySpan<char> serial8, char checkDigit)
    {
        ReadOnlySpan<int> weights = [8, 6, 4, 2, 3, 5, 9, 7];
        int total = 0;
        for (int i = 0; i < 8; i++)
        {
            total += (serial8[i] - '0') * weights[i];
        }

        int remainder = total % 11;
        int check = remainder switch
        {
            0 => 5,
            1 => 0,
            _ => 11 - remainder,
        };
        return check == checkDigit - '0';
    }

    /// <summary>True when every character is an ASCII digit.</summary>
    public static bool AllDigits(ReadOnlySpan<char> value)
    {
        foreach (char c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return value.Length > 0;
    }
}
