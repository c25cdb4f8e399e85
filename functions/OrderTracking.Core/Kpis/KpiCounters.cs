using OrderTracking.Core.Notifications;

namespace OrderTracking.Core.Kpis;

/// <summary>The counter names of a <c>Kpis</c> aggregate row (entity property names; see docs/kpis.md).</summary>
public static class KpiCounters
{
    /// <summary>Shipments registered (counted on the registration day).</summary>
    public const string Shipments = "Shipments";
    /// <summary>Shipments delivered (on the delivery day).</summary>
    public const string Delivered = "Delivered";
    /// <summary>Delivered shipments that had a promise (a first ETA).</summary>
    public const string DeliveredWithPromise = "DeliveredWithPromise";
    /// <summary>Delivered on or before the first promised day.</summary>
    public const string DeliveredOnTime = "DeliveredOnTime";
    /// <summary>Shipments whose first exception or failed attempt was on the day.</summary>
    public const string Exceptions = "Exceptions";
    /// <summary>Shipments returned to the sender.</summary>
    public const string Returns = "Returns";
    /// <summary>Shipments (by registration day) with no carrier update 24 hours after registration.</summary>
    public const string NoUpdateAfter24h = "NoUpdateAfter24h";
    /// <summary>Successful customer order lookups.</summary>
    public const string Lookups = "Lookups";
    /// <summary>Lookups that matched nothing.</summary>
    public const string LookupMisses = "LookupMisses";

    /// <summary>Messages sent on a channel (<c>email</c>, <c>sms</c>) for a milestone.</summary>
    public static string Sent(string channel, Milestone milestone) => $"Sent_{channel}_{milestone.ToWireName()}";

    /// <summary>Tracking-page opens from a channel's link for a milestone (once per message).</summary>
    public static string Opened(string channel, Milestone milestone) => $"Opened_{channel}_{milestone.ToWireName()}";

    /// <summary>The channels counted.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["email", "sms"];
}
