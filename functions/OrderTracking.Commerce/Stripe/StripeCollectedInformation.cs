namespace OrderTracking.Commerce.Stripe;

/// <summary>Wire shape of Checkout <c>collected_information</c>; holds <c>shipping_details</c> since <c>2025-03-31.basil</c> (reference §0).</summary>
internal sealed record StripeCollectedInformation(StripeShipping? ShippingDetails);
