namespace OrderTracking.Commerce.PayPal;

// Wire shapes from paypal/paypal-rest-api-specifications (reference §5, §6): notifications_webhooks_v1 `event`,
// checkout_orders_v2 `order`, payments_payment_v2 `capture-2`. Only the fields we read; unknown fields are ignored.

/// <summary>Webhook event envelope.</summary>
internal sealed record PayPalEvent(string? Id, string? EventType, DateTimeOffset? CreateTime, string? ResourceType, PayPalResource? Resource);

/// <summary>The union of the Order and Capture fields we read (resource of the handled events, and a fetched Order).</summary>
internal sealed record PayPalResource(
    string? Id,
    string? Status,
    PayPalPayer? Payer,
    IReadOnlyList<PayPalPurchaseUnit?>? PurchaseUnits,
    PayPalPaymentSource? PaymentSource,
    PayPalSupplementaryData? SupplementaryData,
    IReadOnlyList<PayPalLink?>? Links);

internal sealed record PayPalPayer(string? EmailAddress, string? PayerId, PayPalName? Name);

internal sealed record PayPalName(string? GivenName, string? Surname, string? FullName);

internal sealed record PayPalPurchaseUnit(PayPalShipping? Shipping, PayPalPayments? Payments);

internal sealed record PayPalShipping(PayPalName? Name);

internal sealed record PayPalPayments(IReadOnlyList<PayPalCapture?>? Captures);

internal sealed record PayPalCapture(string? Id, string? Status);

internal sealed record PayPalPaymentSource(PayPalWallet? Paypal);

internal sealed record PayPalWallet(string? EmailAddress, PayPalName? Name);

internal sealed record PayPalSupplementaryData(PayPalRelatedIds? RelatedIds);

internal sealed record PayPalRelatedIds(string? OrderId, string? AuthorizationId, string? CaptureId);

internal sealed record PayPalLink(string? Href, string? Rel, string? Method);

/// <summary><c>POST /v1/oauth2/token</c> response (reference §5.1).</summary>
internal sealed record PayPalTokenResponse(string? AccessToken, string? TokenType, long? ExpiresIn);

/// <summary><c>POST /v1/notifications/verify-webhook-signature</c> response (reference §5.3).</summary>
internal sealed record PayPalVerifyResponse(string? VerificationStatus);
