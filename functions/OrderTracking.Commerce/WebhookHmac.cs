using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Commerce;

/// <summary>HMAC-SHA256 helpers shared by the Stripe and Shopify verifiers; allocation-free for usual secret sizes.</summary>
internal static class WebhookHmac
{
    public const int HashSize = 32;
    private const int StackLimit = 256;

    /// <summary>True when at least one non-blank secret is configured.</summary>
    public static bool HasSecret(IReadOnlyList<string>? secrets)
    {
        if (secrets is null)
        {
            return false;
        }

        for (int i = 0; i < secrets.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(secrets[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>HMAC-SHA256 keyed with the UTF-8 bytes of <paramref name="secret"/> over <paramref name="prefix"/> + <paramref name="message"/>.</summary>
    public static void Compute(string secret, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        int keyLength = Encoding.UTF8.GetByteCount(secret);
        byte[]? rentedKey = keyLength > StackLimit ? ArrayPool<byte>.Shared.Rent(keyLength) : null;
        Span<byte> key = rentedKey is null ? stackalloc byte[StackLimit] : rentedKey;
        key = key[..Encoding.UTF8.GetBytes(secret, key)];
        try
        {
            if (prefix.IsEmpty)
            {
                HMACSHA256.HashData(key, message, destination);
                return;
            }

            // One-shot HMAC over prefix + message in a pooled buffer: avoids IncrementalHash's allocations.
            byte[] buffer = ArrayPool<byte>.Shared.Rent(prefix.Length + message.Length);
            try
            {
                prefix.CopyTo(buffer);
                message.CopyTo(buffer.AsSpan(prefix.Length));
                HMACSHA256.HashData(key, buffer.AsSpan(0, prefix.Length + message.Length), destination);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (rentedKey is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedKey);
            }
        }
    }
}
