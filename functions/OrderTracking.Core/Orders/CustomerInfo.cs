namespace OrderTracking.Core.Orders;

/// <summary>Customer contact details. PII: never logged, never served by the read API.</summary>
/// <param name="Email">Email address for notifications.</param>
/// <param name="Name">Display name, if known.</param>
/// <param name="Locale">BCP 47 language tag (e.g. <c>es</c>, <c>en-US</c>); English when unknown.</param>
/// <param name="Phone">E.164 mobile number for texts, if the customer gave one.</param>
/// <param name="Sms">The order asked for texts (<c>sms: true</c> on <c>POST /api/shipments</c>); <c>Sms:Enabled</c> turns them on for every order with a phone.</param>
public sealed record CustomerInfo(string? Email, string? Name = null, string? Locale = null, string? Phone = null, bool? Sms = null);
