namespace OrderTracking.Azure.Email.Wire;

/// <summary>ACS <c>EmailContent</c>.</summary>
internal sealed record EmailContent(string Subject, string? PlainText, string? Html);
