using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Commerce.PayPal;

/// <summary>
/// The offline PayPal signature check, pure: RSA PKCS#1 v1.5 + SHA-256 over UTF-8 of
/// <c>transmissionId|transmissionTime|webhookId|crc32(body)</c> with the CRC as unsigned decimal (reference §5.4).
/// </summary>
internal static class PayPalSignature
{
    public const string SupportedAlgorithm = "SHA256withRSA";

    public static string SignString(string transmissionId, string transmissionTime, string webhookId, ReadOnlySpan<byte> payload) =>
        string.Create(CultureInfo.InvariantCulture, $"{transmissionId}|{transmissionTime}|{webhookId}|{Crc32.Compute(payload)}");

    /// <summary>Decodes the base64 signature; false when it is not base64.</summary>
    public static bool TryDecode(string signature, out byte[] bytes)
    {
        bytes = new byte[(signature.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(signature.Trim(), bytes, out int written) && written > 0)
        {
            Array.Resize(ref bytes, written);
            return true;
        }

        bytes = [];
        return false;
    }

    public static bool Verify(RSA publicKey, byte[] signature, string transmissionId, string transmissionTime, string webhookId, ReadOnlySpan<byte> payload)
    {
        byte[] message = Encoding.UTF8.GetBytes(SignString(transmissionId, transmissionTime, webhookId, payload));
        try
        {
            return publicKey.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false; // e.g. a signature of the wrong length for the key
        }
    }
}
