using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Core.Security;

/// <summary>
/// Keyed hashes for the customer lookup (DESIGN §5 <c>OrderLookup</c>): the index stores HMACs of the normalised order
/// number and email, never the values, so a copy of the table reveals neither. The key is derived from a read-token
/// key (<c>Tracking:ReadTokenKey</c>) with a fixed label, so a lookup hash is never a valid token signature and the
/// index follows the read keys' rotation: rows are written with the first key and found with any of them.
/// </summary>
public static class LookupHash
{
    private static readonly byte[] s_label = Encoding.ASCII.GetBytes("OrderTracking order lookup v1");

    /// <summary>Longest order number or email accepted before hashing (the lookup answers 400 beyond it).</summary>
    public const int MaxInputLength = 254;

    /// <summary>
    /// The order number as customers type it, made comparable: surrounding and inner whitespace dropped, a leading
    /// <c>#</c> dropped (Shopify's <c>#1001</c> and <c>1001</c> are one order), case folded (ids are read aloud and
    /// retyped). Empty when nothing is left.
    /// </summary>
    public static string NormalizeOrderNumber(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        foreach (char c in value.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        int start = 0;
        while (start < builder.Length && builder[start] == '#')
        {
            start++;
        }

        return builder.ToString(start, builder.Length - start);
    }

    /// <summary>An email made comparable: trimmed and lower-cased (invariant). No provider-specific folding.</summary>
    public static string NormalizeEmail(string? value) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : value.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>The hash of an order number under <paramref name="readTokenKey"/>: 64 hex characters, table-key safe.</summary>
    public static string OrderNumber(string readTokenKey, string orderNumber) => Hash(readTokenKey, "number", NormalizeOrderNumber(orderNumber));

    /// <summary>The hash of an email under <paramref name="readTokenKey"/>: 64 hex characters.</summary>
    public static string Email(string readTokenKey, string email) => Hash(readTokenKey, "email", NormalizeEmail(email));

    /// <summary>The hash of any other value a limiter keys on (a client address), so it is not stored as such.</summary>
    public static string Value(string readTokenKey, string purpose, string value) => Hash(readTokenKey, purpose, value);

    /// <summary>Constant-time equality of two hex hashes (different lengths are unequal).</summary>
    public static bool Equal(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Hash(string readTokenKey, string purpose, string normalized)
    {
        ArgumentException.ThrowIfNullOrEmpty(readTokenKey);
        byte[] key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(readTokenKey), s_label);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}|{normalized}")));
    }
}
