namespace OrderTracking.Core.Notifications;

/// <summary>E.164 phone numbers: <c>+</c>, a country code that does not start with 0, at most 15 digits in all.</summary>
public static class PhoneNumber
{
    /// <summary>True for <c>+14155550100</c>; false for spaces, dashes, parentheses, a missing <c>+</c> or too few/many digits.</summary>
    public static bool IsE164(string? value)
    {
        if (value is null || value.Length is < 8 or > 16 || value[0] != '+' || value[1] == '0')
        {
            return false;
        }

        for (int i = 1; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
