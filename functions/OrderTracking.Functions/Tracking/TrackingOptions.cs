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

    public IReadOnlyList<string> ReadTokenKeys => Split(ReadTokenKey);

    public IReadOnlyList<string> Origins => Split(AllowedOrigins);

    // An unresolved Key Vault reference stays in the setting as literal text: never use it as a key.
    private static string[] Split(string value) => [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(v => !v.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))];
}
