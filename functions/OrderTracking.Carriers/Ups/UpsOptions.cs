namespace OrderTracking.Carriers.Ups;

/// <summary>UPS Track API settings (configuration <c>Carriers:Ups</c>; carriers.md §1.1).</summary>
internal sealed class UpsOptions
{
    public const string SectionName = "Carriers:Ups";

    /// <summary>API host. Default <c>https://onlinetools.ups.com</c> (CIE: <c>https://wwwcie.ups.com</c>).</summary>
    public Uri BaseUrl { get; set; } = new("https://onlinetools.ups.com");

    /// <summary>OAuth client id (HTTP Basic user). Required when enabled.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth client secret (HTTP Basic password). Required when enabled.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Sent as the required <c>transactionSrc</c> header. Default <c>OrderTracking</c>.</summary>
    public string TransactionSource { get; set; } = "OrderTracking";

    /// <summary>Response locale. Default <c>en_US</c>.</summary>
    public string Locale { get; set; } = "en_US";
}
