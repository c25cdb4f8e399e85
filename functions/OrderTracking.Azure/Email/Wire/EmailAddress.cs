namespace OrderTracking.Azure.Email.Wire;

/// <summary>ACS <c>EmailAddress</c>.</summary>
internal sealed record EmailAddress(string Address, string? DisplayName = null);
