namespace OrderTracking.Testing.Hostile;

/// <summary>The checks both corpus runs (in process and through the DevHost) apply to an answer.</summary>
public static class Oracle
{
    /// <summary>
    /// Whether <paramref name="status"/> is an acceptable answer to <paramref name="request"/>. A lookup may also be
    /// limited (429: the limiter fails closed after lost ETag races). With <paramref name="hostLimits"/>, Kestrel's own
    /// 414 and 431 (a request line over 8 KB, headers over 100 or 32 KB) are accepted for valid requests carrying noise.
    /// </summary>
    public static bool StatusAllowed(HostileRequest request, int status, bool hostLimits = false) => request.Expect switch
    {
        Expectation.Valid => status is >= 200 and < 300 || request.Endpoint == Corpora.Lookup && status == 429 || hostLimits && status is 414 or 431,
        Expectation.MustReject => status is >= 400 and < 500,
        _ => status is >= 200 and < 300 or >= 400 and < 500,
    };

    /// <summary>True when an HTML answer shows planted markup unescaped.</summary>
    public static bool ReflectsMarkup(string html) =>
        html.Contains("<ot-probe", StringComparison.OrdinalIgnoreCase) || html.Contains("<script>ot_probe", StringComparison.OrdinalIgnoreCase);

    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> if larger, from any thread.</summary>
    public static void RecordMax(ref long target, long value)
    {
        for (long current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
