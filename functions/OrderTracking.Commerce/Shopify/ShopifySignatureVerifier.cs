using System.Security.Cryptography;

namespace OrderTracking.Commerce.Shopify;

/// <summary>
/// Verifies <c>X-Shopify-Hmac-Sha256</c>: base64 of HMAC-SHA256 keyed with the app client secret over the raw body
/// (reference commerce-platforms.md §9.1). Several secrets are accepted because a rotated secret takes up to an hour to
/// take effect.
/// </summary>
public static class ShopifySignatureVerifier
{
    /// <summary>Verifies <paramref name="payload"/> (the raw request body) against the header value.</summary>
    /// <param name="payload">The exact request body bytes.</param>
    /// <param name="hmacHeader">The <c>X-Shopify-Hmac-Sha256</c> header value (base64).</param>
    /// <param name="secrets">App client secrets; any may match. Blank entries are ignored; none → fail closed.</param>
    public static WebhookVerificationResult Verify(ReadOnlySpan<byte> payload, string? hmacHeader, IReadOnlyList<string> secrets)
    {
        if (!WebhookHmac.HasSecret(secrets))
        {
            return WebhookVerificationResult.NoSecretConfigured;
        }

        if (string.IsNullOrWhiteSpace(hmacHeader))
        {
            return WebhookVerificationResult.MissingSignature;
        }

        Span<byte> received = stackalloc byte[WebhookHmac.HashSize + 3];
        if (!Convert.TryFromBase64String(hmacHeader.Trim(), received, out int length) || length != WebhookHmac.HashSize)
        {
            return WebhookVerificationResult.MalformedSignature;
        }

        received = received[..WebhookHmac.HashSize];
        Span<byte> expected = stackalloc byte[WebhookHmac.HashSize];
        bool match = false;
        for (int i = 0; i < secrets.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(secrets[i]))
            {
                continue;
            }

            WebhookHmac.Compute(secrets[i], default, payload, expected);
            match |= CryptographicOperations.FixedTimeEquals(expected, received);
        }

        return match ? WebhookVerificationResult.Valid : WebhookVerificationResult.InvalidSignature;
    }
}
