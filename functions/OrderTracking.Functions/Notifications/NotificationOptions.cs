using OrderTracking.Core.Notifications;

namespace OrderTracking.Functions.Notifications;

/// <summary>Notification settings. Configuration section <c>Notifications</c>.</summary>
internal sealed class NotificationOptions
{
    /// <summary>In transit without a new scan for this long counts as delayed. Default 3 days.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long after the ETA a shipment counts as late. Default 1 day.</summary>
    public TimeSpan EtaGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The thresholds as <see cref="DelayPolicy"/> takes them.</summary>
    public DelayOptions Delay => new() { StalledAfter = StalledAfter, EtaGrace = EtaGrace };

    /// <summary>Lifetime of the read token in email links. Default 90 days.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// <c>Notifications:OrderConfirmed:{Source}</c>: an order confirmation email with the tracking link when an order
    /// arrives. Off for Shopify (Shopify sends its own), on for Stripe, PayPal and API orders.
    /// </summary>
    public OrderConfirmedOptions OrderConfirmed { get; set; } = new();
}

/// <summary>Per source: whether a new order gets a confirmation email.</summary>
internal sealed class OrderConfirmedOptions
{
    public bool Shopify { get; set; }

    public bool Stripe { get; set; } = true;

    public bool PayPal { get; set; } = true;

    public bool Api { get; set; } = true;

    public bool For(string source) => source switch
    {
        Core.Orders.OrderSources.Shopify => Shopify,
        Core.Orders.OrderSources.Stripe => Stripe,
        Core.Orders.OrderSources.PayPal => PayPal,
        Core.Orders.OrderSources.Api => Api,
        _ => false,
    };
}
