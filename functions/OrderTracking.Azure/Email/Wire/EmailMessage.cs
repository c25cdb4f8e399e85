namespace OrderTracking.Azure.Email.Wire;

/// <summary>ACS <c>EmailMessage</c> (request body of <c>POST /emails:send</c>).</summary>
internal sealed record EmailMessage(
    string SenderAddress, EmailContent Content, EmailRecipients Recipients, bool? UserEngagementTrackingDisabled = null);
