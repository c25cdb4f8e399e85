namespace OrderTracking.Azure.Email.Wire;

/// <summary>ACS <c>EmailRecipients</c> (only <c>to</c> is used).</summary>
internal sealed record EmailRecipients(IReadOnlyList<EmailAddress> To);
