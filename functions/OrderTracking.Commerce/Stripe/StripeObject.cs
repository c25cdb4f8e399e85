namespace OrderTracking.Commerce.Stripe;

/// <summary>
/// The union of the fields we read from <c>data.object</c> for the handled events: a Checkout Session, a PaymentIntent or
/// a Charge (one pass, no second parse). Fields absent from one object type simply stay null.
/// </summary>
internal sealed record StripeObject(
    string? Id,
    string? Object,
    string? PaymentIntent,
    string? LatestCharge,
    string? ReceiptEmail,
    string? Locale,
    StripeCustomerDetails? CustomerDetails,
    StripeCollectedInformation? CollectedInformation,
    StripeShipping? ShippingDetails,
    StripeShipping? Shipping,
    StripeCustomerDetails? BillingDetails);
