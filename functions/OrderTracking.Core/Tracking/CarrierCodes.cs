namespace OrderTracking.Core.Tracking;

/// <summary>Carrier codes (DESIGN §6, contract).</summary>
public static class CarrierCodes
{
    /// <summary>United Parcel Service.</summary>
    public const string Ups = "ups";
    /// <summary>FedEx.</summary>
    public const string FedEx = "fedex";
    /// <summary>United States Postal Service.</summary>
    public const string Usps = "usps";
    /// <summary>DHL (Express and eCommerce through the unified API).</summary>
    public const string Dhl = "dhl";
    /// <summary>The deterministic local carrier (no credentials).</summary>
    public const string Sandbox = "sandbox";

    /// <summary>Every known carrier code.</summary>
    public static IReadOnlyList<string> All { get; } = [Ups, FedEx, Usps, Dhl, Sandbox];

    /// <summary>True when <paramref name="code"/> is one of <see cref="All"/> (ordinal, lower case).</summary>
    public static bool IsKnown(string? code) => code is Ups or FedEx or Usps or Dhl or Sandbox;
}
