namespace OrderTracking.Commerce.Stripe;

/// <summary>Wire shape of Checkout <c>customer_details</c> and Charge <c>billing_details</c> (email and name only).</summary>
internal sealed record StripeCustomerDetails(string? Email, string? Name, string? Phone = null);
