using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Core.Security;

/// <summary>
/// Read-API tokens (DESIGN §9, contract): <c>{exp}.{sig}</c>, where <c>sig</c> is base64url without padding of
/// HMAC-SHA256(UTF-8 key, UTF-8 <c>{orderKey}|{exp}</c>) and <c>exp</c> is Unix seconds.
/// </summary>
public static class ReadToken
{
    /// <summary>Mints a token for <paramref name="orderKey"/> that expires at <paramref name="expiresAt"/>.</summary>
    public static string Mint(string key, string orderKey, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        long exp = expiresAt.ToUnixTimeSeconds();
        return $"{exp.ToString(CultureInfo.InvariantCulture)}.{Sign(key, orderKey, exp)}";
    }

    /// <summary>
    /// True when <paramref name="token"/> is well formed, unexpired at <paramref name="now"/> and signed by one of
    /// <paramref name="keys"/> (several keys allow rotation). Signatures are compared in constant time.
    /// </summary>
    public static bool Verify(IReadOnlyList<string> keys, string orderKey, string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128)
        {
            return false;
        }

        int dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out long exp))
        {
            return false;
        }

        if (exp < now.ToUnixTimeSeconds())
        {
            return false;
        }

        byte[] presented = Encoding.ASCII.GetBytes(token[(dot + 1)..]);
        bool ok = false;
        foreach (string key in keys)
        {
            if (key.Length == 0)
            {
                continue;
            }

            byte[] expected = Encoding.ASCII.GetBytes(Sign(key, orderKey, exp));
            ok |= CryptographicOperations.FixedTimeEquals(expected, presented);
        }

        return ok;
    }

    private static string Sign(string key, string orderKey, long exp)
    {
        byte[] mac = HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(key),
            Encoding.UTF8.GetBytes($"{orderKey}|{exp.ToString(CultureInfo.InvariantCulture)}"));
        return Base64Url.EncodeToString(mac);
    }
}
