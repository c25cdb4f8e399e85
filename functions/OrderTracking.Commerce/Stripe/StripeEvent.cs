namespace OrderTracking.Commerce.Stripe;

/// <summary>Wire shape of a Stripe event envelope (reference §1.4); only the fields we read.</summary>
internal sealed record StripeEvent(string? Id, string? Type, long? Created, StripeEventData? Data);
