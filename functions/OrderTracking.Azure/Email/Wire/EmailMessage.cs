namespace OrderTracking.Azure.Email.Wire;

/// <summary>ACS <c>EmailMessage</c> (request body of <c>POST /emails:send</c>); <c>headers</c> are custom headers (List-Unsubscribe).</summary>
internal sealed record EmailMessage(
    string SenderAddress, EmailContent Content, EmailRecipients Recipients, bool? UserEngagementTrackingDisabled = null,
    IReadOnlyDictionary<string, string>? Headers = null);
