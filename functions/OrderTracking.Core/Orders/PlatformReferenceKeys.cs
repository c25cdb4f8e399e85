namespace OrderTracking.Core.Orders;

/// <summary>Keys of <see cref="OrderEvent.References"/>: what write-back needs per platform.</summary>
public static class PlatformReferenceKeys
{
    /// <summary>PayPal Orders v2 order id.</summary>
    public const string PayPalOrderId = "paypalOrderId";
    /// <summary>PayPal capture id (the tracker is attached to it).</summary>
    public const string PayPalCaptureId = "paypalCaptureId";
    /// <summary>Stripe PaymentIntent id (<c>pi_…</c>).</summary>
    public const string StripePaymentIntentId = "stripePaymentIntentId";
    /// <summary>Stripe Charge id (<c>ch_…</c>).</summary>
    public const string StripeChargeId = "stripeChargeId";
    /// <summary>Shopify order GraphQL id.</summary>
    public const string ShopifyOrderGid = "shopifyOrderGid";
    /// <summary>The gateways a Shopify order was paid through, comma-separated (<c>payment_gateway_names</c>, e.g. <c>paypal</c>).</summary>
    public const string ShopifyPaymentGateways = "shopifyPaymentGateways";
    /// <summary>Shopify fulfillment GraphQL id.</summary>
    public const string ShopifyFulfillmentGid = "shopifyFulfillmentGid";
}
