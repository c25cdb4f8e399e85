namespace OrderTracking.Functions.Storage;

/// <summary>Row keys of the <c>Orders</c> table (DESIGN §5, contract).</summary>
internal static class ShipmentRows
{
    public const string OrderRowKey = "order";
    public const string ShipmentPrefix = "shipment|";

    public static string RowKey(string carrier, string trackingNumber) => $"{ShipmentPrefix}{carrier}|{trackingNumber}";

    public static string IndexPartition(string carrier, string trackingNumber) => $"{carrier}|{trackingNumber}";
}
