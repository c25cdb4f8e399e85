using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Testing.Hostile;

/// <summary>
/// The platforms' signature schemes, written from their documentation (shared/reference/commerce-platforms.md), not
/// from our verifiers: the corpus signs with these and the app must agree.
/// </summary>
public static class Signing
{
    /// <summary>Stripe: <c>t={unix},v1=hex(HMAC-SHA256(secret, "{t}.{body}"))</c>.</summary>
    public static string StripeV1(byte[] body, string secret, long timestamp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."), .. body]));

    /// <summary>The whole <c>Stripe-Signature</c> header for one secret.</summary>
    public static string StripeHeader(byte[] body, string secret, long timestamp) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={StripeV1(body, secret, timestamp)}";

    /// <summary>Shopify: <c>X-Shopify-Hmac-Sha256: base64(HMAC-SHA256(secret, body))</c>.</summary>
    public static byte[] ShopifyMac(byte[] body, string secret) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

    /// <summary>PayPal: RSA PKCS#1 v1.5 SHA-256 over <c>{transmissionId}|{transmissionTime}|{webhookId}|{crc32(body) as decimal}</c>.</summary>
    public static string PayPal(RSA key, string transmissionId, string transmissionTime, string webhookId, byte[] body)
    {
        string message = $"{transmissionId}|{transmissionTime}|{webhookId}|{Crc32(body).ToString(CultureInfo.InvariantCulture)}";
        return Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as PayPal's SDKs compute it.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc >> 1) ^ (0xEDB88320 & (uint)-(int)(crc & 1));
            }
        }

        return ~crc;
    }
}
