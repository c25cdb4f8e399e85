namespace OrderTracking.Core.Orders;

/// <summary>Customer contact details. PII: never logged, never served by the read API.</summary>
/// <param name="Email">Email address for notifications.</param>
/// <param name="Name">Display name, if known.</param>
/// <param name="Locale">BCP 47 language tag (e.g. <c>es</c>, <c>en-US</c>); English when unknown.</param>
public sealed record CustomerInfo(string? Email, string? Name = null, string? Locale = null);
