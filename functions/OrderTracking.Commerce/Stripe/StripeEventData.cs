namespace OrderTracking.Commerce.Stripe;

/// <summary>Wire shape of <c>event.data</c>.</summary>
internal sealed record StripeEventData(StripeObject? Object);
