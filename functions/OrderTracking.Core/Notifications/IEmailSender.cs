namespace OrderTracking.Core.Notifications;

/// <summary>
/// Sends one email (port; implemented by Azure Communication Services and by the local outbox in OrderTracking.Azure).
/// </summary>
public interface IEmailSender
{
    /// <summary>
    /// Sends <paramref name="message"/>. <paramref name="operationId"/> is deterministic per (shipment, milestone)
    /// (see <see cref="NotificationLedgerKey.OperationId"/>): sending again with the same id must not produce a second
    /// email where the provider can prevent it (ACS <c>Operation-Id</c>; the outbox overwrites the same file).
    /// Throws on failure (the ACS sender throws <c>Azure.RequestFailedException</c> with the status and ACS error code).
    /// </summary>
    Task<EmailSendResult> SendAsync(EmailMessage message, string operationId, CancellationToken cancellationToken);
}
