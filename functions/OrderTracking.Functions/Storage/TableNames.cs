namespace OrderTracking.Functions.Storage;

/// <summary>Table names (DESIGN §5, contract).</summary>
internal static class TableNames
{
    public const string Orders = "Orders";
    public const string ShipmentIndex = "ShipmentIndex";
    public const string PollSchedule = "PollSchedule";
    public const string Notifications = "Notifications";
    public const string WebhookReceipts = "WebhookReceipts";
    public const string CarrierState = "CarrierState";
    public const string PlatformSync = "PlatformSync";
    public const string DelayChecks = "DelayChecks";
    public const string Expiries = "Expiries";
    public const string OrderArchive = "OrderArchive";
    public const string OrderLookup = "OrderLookup";
    public const string RateLimits = "RateLimits";
    public const string Kpis = "Kpis";
    public const string KpiChecks = "KpiChecks";

    public static IReadOnlyList<string> All { get; } = [Orders, ShipmentIndex, PollSchedule, Notifications, WebhookReceipts, CarrierState, PlatformSync, DelayChecks, Expiries, OrderArchive, OrderLookup, RateLimits, Kpis, KpiChecks];
}
