using System.Security.Cryptography;

namespace OrderTracking.Commerce.Stripe;

/// <summary>
/// Verifies the <c>Stripe-Signature</c> header: <c>t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…][,v0=…]</c>, where each <c>v1</c> is the
/// lowercase hex HMAC-SHA256 keyed with the endpoint secret (UTF-8, <c>whsec_</c> prefix included) over
/// <c>"{t}.{raw body}"</c> (reference commerce-platforms.md §1.1). Any matching <c>v1</c> is accepted, <c>v0</c> is ignored,
/// signature is checked before the timestamp (as stripe-dotnet does), and the timestamp must be within the tolerance in
/// both directions (§1.2).
/// </summary>
public static class StripeSignatureVerifier
{
    /// <summary>Default tolerance: 300 seconds either side of now.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private const int MaxTimestampDigits = 19;

    /// <summary>Verifies <paramref name="payload"/> (the raw request body) against <paramref name="signatureHeader"/>.</summary>
    /// <param name="payload">The exact request body bytes.</param>
    /// <param name="signatureHeader">The <c>Stripe-Signature</c> header value.</param>
    /// <param name="secrets">Endpoint secrets; any may match (rotation). Blank entries are ignored; none → fail closed.</param>
    /// <param name="now">The current time.</param>
    /// <param name="tolerance">Allowed distance between <c>t</c> and <paramref name="now"/>; default 300 s.</param>
    public static WebhookVerificationResult Verify(ReadOnlySpan<byte> payload, string? signatureHeader, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!WebhookHmac.HasSecret(secrets))
        {
            return WebhookVerificationResult.NoSecretConfigured;
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return WebhookVerificationResult.MissingSignature;
        }

        // Header parsing (§1.1): split on ',', then each item on the first '='.
        ReadOnlySpan<char> header = signatureHeader;
        ReadOnlySpan<char> timestampText = default;
        long timestamp = -1;
        int v1Count = 0;
        Span<byte> signatures = stackalloc byte[WebhookHmac.HashSize * 8];
        foreach (Range range in header.Split(','))
        {
            ReadOnlySpan<char> item = header[range].Trim();
            int eq = item.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            ReadOnlySpan<char> key = item[..eq];
            ReadOnlySpan<char> value = item[(eq + 1)..];
            if (key.SequenceEqual("t"))
            {
                if (value.IsEmpty || value.Length > MaxTimestampDigits || value.ContainsAnyExceptInRange('0', '9') || !long.TryParse(value, out timestamp))
                {
                    return WebhookVerificationResult.MalformedSignature;
                }

                timestampText = value;
            }
            else if (key.SequenceEqual("v1") && v1Count < 8 && value.Length == WebhookHmac.HashSize * 2 && IsLowerHex(value)
                && Convert.FromHexString(value, signatures.Slice(v1Count * WebhookHmac.HashSize, WebhookHmac.HashSize), out _, out int written) == System.Buffers.OperationStatus.Done
                && written == WebhookHmac.HashSize)
            {
                v1Count++;
            }
        }

        if (timestamp < 0 || v1Count == 0)
        {
            return WebhookVerificationResult.MalformedSignature;
        }

        Span<byte> prefix = stackalloc byte[MaxTimestampDigits + 1];
        for (int i = 0; i < timestampText.Length; i++)
        {
            prefix[i] = (byte)timestampText[i];
        }

        prefix[timestampText.Length] = (byte)'.';
        prefix = prefix[..(timestampText.Length + 1)];

        if (!AnySecretMatches(payload, prefix, secrets, signatures[..(v1Count * WebhookHmac.HashSize)]))
        {
            return WebhookVerificationResult.InvalidSignature;
        }

        long toleranceSeconds = (long)(tolerance ?? DefaultTolerance).TotalSeconds;
        long age = now.ToUnixTimeSeconds() - timestamp;
        return Math.Abs(age) > toleranceSeconds ? WebhookVerificationResult.TimestampOutOfTolerance : WebhookVerificationResult.Valid;
    }

    private static bool AnySecretMatches(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> prefix, IReadOnlyList<string> secrets, ReadOnlySpan<byte> signatures)
    {
        Span<byte> expected = stackalloc byte[WebhookHmac.HashSize];
        bool match = false;
        for (int s = 0; s < secrets.Count; s++)
        {
            if (string.IsNullOrWhiteSpace(secrets[s]))
            {
                continue;
            }

            WebhookHmac.Compute(secrets[s], prefix, payload, expected);
            for (int offset = 0; offset < signatures.Length; offset += WebhookHmac.HashSize)
            {
                // Constant-time per comparison; keep looping so timing does not reveal which entry matched.
                match |= CryptographicOperations.FixedTimeEquals(expected, signatures.Slice(offset, WebhookHmac.HashSize));
            }
        }

        return match;
    }

    /// <summary>Stripe writes lower-case hex, and Stripe.net accepts nothing else; neither do we (StripeNetConformanceTests).</summary>
    private static bool IsLowerHex(ReadOnlySpan<char> value)
    {
        foreach (char c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
