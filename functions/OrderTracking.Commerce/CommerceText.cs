using OrderTracking.Core.Orders;

namespace OrderTracking.Commerce;

/// <summary>Small pure helpers shared by the platform parsers.</summary>
internal static class CommerceText
{
    private const int MaxLocaleLength = 35;

    /// <summary>The trimmed value, or null when null, blank or longer than <see cref="MaxTextLength"/>.</summary>
    public static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxTextLength ? null : value.Trim();

    /// <summary>
    /// The longest text kept from a platform's payload (ids, names, emails, numbers, URLs): longer than anything a
    /// platform sends for these fields, far below Table storage's 32K-character property limit. Longer text is treated
    /// as absent, so a hostile (but signed) payload cannot make an order unstorable.
    /// </summary>
    public const int MaxTextLength = 2048;

    /// <summary>"First Last" from the non-blank parts, or null.</summary>
    public static string? JoinName(string? first, string? last)
    {
        string? f = Clean(first);
        string? l = Clean(last);
        return f is null ? l : l is null ? f : $"{f} {l}";
    }

    /// <summary>A BCP 47-looking tag (letters, digits, '-' or '_' normalized to '-'), or null for anything else (including Stripe's "auto").</summary>
    public static string? Locale(string? value)
    {
        string? v = Clean(value);
        if (v is null || v.Length > MaxLocaleLength || !char.IsAsciiLetter(v[0]) || string.Equals(v, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (char c in v)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return null;
            }
        }

        return v.Replace('_', '-');
    }

    /// <summary>A customer record when any part is known, else null. A phone is kept only in E.164 form (see <see cref="Phone"/>).</summary>
    public static CustomerInfo? Customer(string? email, string? name, string? locale, string? phone = null)
    {
        email = Clean(email);
        name = Clean(name);
        locale = Locale(locale);
        phone = Phone(phone);
        return email is null && name is null && locale is null && phone is null ? null : new CustomerInfo(email, name, locale, phone);
    }

    /// <summary>
    /// A platform's phone as E.164: spaces, dashes, dots and parentheses dropped from a number that starts with
    /// <c>+</c> (<c>+1 (415) 555-0100</c> → <c>+14155550100</c>); anything without a country code is dropped, never guessed.
    /// </summary>
    public static string? Phone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 32)
        {
            return null;
        }

        string compact = new([.. value.Trim().Where(c => c is not (' ' or '-' or '.' or '(' or ')'))]);
        return Core.Notifications.PhoneNumber.IsE164(compact) ? compact : null;
    }

    /// <summary>True when <paramref name="externalId"/> makes a valid order key for <paramref name="source"/>.</summary>
    public static bool IsValidKey(string source, string? externalId) =>
        !string.IsNullOrEmpty(externalId) && OrderKey.IsValid($"{source}:{externalId}");
}
