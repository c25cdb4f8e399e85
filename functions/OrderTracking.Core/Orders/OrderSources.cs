namespace OrderTracking.Core.Orders;

/// <summary>Where an order came from: the first part of its order key.</summary>
public static class OrderSources
{
    /// <summary>Stripe (PaymentIntent id or Checkout Session's PaymentIntent).</summary>
    public const string Stripe = "stripe";
    /// <summary>PayPal (Orders v2 order id).</summary>
    public const string PayPal = "paypal";
    /// <summary>Shopify (numeric order id).</summary>
    public const string Shopify = "shopify";
    /// <summary>The merchant's own backend through <c>POST /api/shipments</c>.</summary>
    public const string Api = "api";
}
