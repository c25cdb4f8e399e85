using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers;

/// <summary>Configuration section names per carrier code (DESIGN §10: <c>Carriers:Ups</c>, <c>Carriers:FedEx</c>, …).</summary>
internal static class CarrierSections
{
    public static string For(string carrier) => carrier switch
    {
        CarrierCodes.Ups => "Carriers:Ups",
        CarrierCodes.FedEx => "Carriers:FedEx",
        CarrierCodes.Usps => "Carriers:Usps",
        CarrierCodes.Dhl => "Carriers:Dhl",
        CarrierCodes.Sandbox => "Carriers:Sandbox",
        _ => throw new ArgumentOutOfRangeException(nameof(carrier), carrier, "Unknown carrier code."),
    };
}
