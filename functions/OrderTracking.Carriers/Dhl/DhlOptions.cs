namespace OrderTracking.Carriers.Dhl;

/// <summary>DHL Shipment Tracking – Unified settings (configuration <c>Carriers:Dhl</c>; carriers.md §1.4).</summary>
internal sealed class DhlOptions
{
    public const string SectionName = "Carriers:Dhl";

    /// <summary>API host. Default <c>https://api-eu.dhl.com</c> (DHL has no test environment).</summary>
    public Uri BaseUrl { get; set; } = new("https://api-eu.dhl.com");

    /// <summary>Developer-portal consumer key, sent as <c>DHL-API-Key</c>. Required when enabled.</summary>
    public string? ApiKey { get; set; }
}
