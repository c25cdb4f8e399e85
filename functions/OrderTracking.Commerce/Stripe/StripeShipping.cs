namespace OrderTracking.Commerce.Stripe;

/// <summary>Wire shape of a <c>shipping</c> hash (PaymentIntent, Charge) or Checkout <c>shipping_details</c> (name only there).</summary>
internal sealed record StripeShipping(string? Name, string? Carrier, string? TrackingNumber, string? Phone = null);
