namespace OrderTracking.Functions.Tracking;

/// <summary>Read API settings. Configuration section <c>Tracking</c> (DESIGN §10).</summary>
internal sealed class TrackingOptions
{
    /// <summary>HMAC keys for read tokens, comma separated; the first mints, all verify (rotation). Required.</summary>
    public string ReadTokenKey { get; set; } = string.Empty;

    /// <summary>Origins allowed by CORS, comma separated (e.g. <c>https://shop.example.com</c>); <c>*</c> allows any. Default none.</summary>
    public string AllowedOrigins { get; set; } = string.Empty;

    /// <summary>Public base URL of this app, used in links (e.g. <c>https://func-ot.azurewebsites.net</c>). Default <c>http://localhost:7071</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>Lifetime of tokens minted by the API and emails. Default 90 days.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Rate limits of <c>POST /api/tracking/lookup</c> (<c>Tracking:Lookup:*</c>).</summary>
    public LookupLimits Lookup { get; set; } = new();

    public IReadOnlyList<string> ReadTokenKeys => Split(ReadTokenKey);

    public IReadOnlyList<string> Origins => Split(AllowedOrigins);

    // An unresolved Key Vault reference stays in the setting as literal text: never use it as a key.
    private static string[] Split(string value) => [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(v => !v.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))];
}

/// <summary>
/// Limits of the order lookup, shared by every instance (<c>RateLimits</c> table): attempts per client address and per
/// order number in fixed windows. A customer who mistypes a few times is not stopped; a script guessing emails or
/// numbers is, within a handful of tries.
/// </summary>
internal sealed class LookupLimits
{
    /// <summary>Attempts one client address (an IPv6 /64) may make per window. Default 10.</summary>
    public int PerClient { get; set; } = 10;

    /// <summary>Attempts one order number may receive per window, from anywhere. Default 10.</summary>
    public int PerOrder { get; set; } = 10;

    /// <summary>The window. Default 15 minutes; between 1 minute and 1 day.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
