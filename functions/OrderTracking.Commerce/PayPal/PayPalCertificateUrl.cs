namespace OrderTracking.Commerce.PayPal;

/// <summary>
/// Decides whether a <c>PAYPAL-CERT-URL</c> may be requested at all (SSRF guard, reference §3.3 of the vectors README and
/// §5.4): https, default port, a PayPal API host of the configured environment, path <c>/v1/notifications/certs/{id}</c>,
/// no user info, query or fragment. Independent of <see cref="PayPalOptions.BaseUrl"/>.
/// </summary>
internal static class PayPalCertificateUrl
{
    private const string PathPrefix = "/v1/notifications/certs/";
    private const int MaxIdLength = 128;

    private static readonly string[] s_liveHosts = ["api.paypal.com", "api-m.paypal.com"];
    private static readonly string[] s_sandboxHosts = ["api.sandbox.paypal.com", "api-m.sandbox.paypal.com"];

    public static bool TryGetTrusted(string? certUrl, bool live, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(certUrl) || certUrl.Length > 512 || certUrl.AsSpan().ContainsAny("%\\@?#") ||
            certUrl.AsSpan().Trim().ContainsAnyExceptInRange((char)0x21, (char)0x7E) || // PayPal's hosts are ASCII: no IDN (its parsing can throw), no controls
            !Uri.TryCreate(certUrl.Trim(), UriKind.Absolute, out Uri? parsed))
        {
            return false;
        }

        bool ok = parsed.Scheme == Uri.UriSchemeHttps
            && parsed.IsDefaultPort
            && parsed.UserInfo.Length == 0
            && parsed.Query.Length == 0
            && parsed.Fragment.Length == 0
            && Array.IndexOf(live ? s_liveHosts : s_sandboxHosts, parsed.Host.ToLowerInvariant()) >= 0
            && IsCertPath(parsed.AbsolutePath);
        if (ok)
        {
            uri = parsed;
        }

        return ok;
    }

    private static bool IsCertPath(string path)
    {
        if (!path.StartsWith(PathPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> id = path.AsSpan(PathPrefix.Length);
        if (id.IsEmpty || id.Length > MaxIdLength)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
