namespace OrderTracking.Carriers.Usps;

/// <summary>USPS Tracking v3 settings (configuration <c>Carriers:Usps</c>; carriers.md §1.3).</summary>
internal sealed class UspsOptions
{
    public const string SectionName = "Carriers:Usps";

    /// <summary>API host. Default <c>https://apis.usps.com</c> (TEM: <c>https://apis-tem.usps.com</c>).</summary>
    public Uri BaseUrl { get; set; } = new("https://apis.usps.com");

    /// <summary>OAuth client id (consumer key; the app needs the <c>tracking</c> scope). Required when enabled.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth client secret. Required when enabled.</summary>
    public string? ClientSecret { get; set; }
}
