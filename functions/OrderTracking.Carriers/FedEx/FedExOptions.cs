namespace OrderTracking.Carriers.FedEx;

/// <summary>FedEx Track API settings (configuration <c>Carriers:FedEx</c>; carriers.md §1.2).</summary>
internal sealed class FedExOptions
{
    public const string SectionName = "Carriers:FedEx";

    /// <summary>API host. Default <c>https://apis.fedex.com</c> (sandbox: <c>https://apis-sandbox.fedex.com</c>).</summary>
    public Uri BaseUrl { get; set; } = new("https://apis.fedex.com");

    /// <summary>OAuth client id (the Track API project's key). Required when enabled.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth client secret. Required when enabled.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Sent as <c>x-locale</c>. Default <c>en_US</c>.</summary>
    public string Locale { get; set; } = "en_US";
}
