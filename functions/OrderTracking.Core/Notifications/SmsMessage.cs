namespace OrderTracking.Core.Notifications;

/// <summary>One text message to one phone. PII: never logged.</summary>
/// <param name="To">E.164 number (<see cref="PhoneNumber.IsE164"/>).</param>
/// <param name="Body">Plain text (GSM-7 or UCS-2; a few segments at most).</param>
public sealed record SmsMessage(string To, string Body);

/// <summary>What the provider answered: its message id (Twilio <c>SM…</c>, or the outbox file path).</summary>
public sealed record SmsSendResult(string ProviderMessageId);

/// <summary>
/// The provider answered that it did not accept the message, so nothing was sent. <see cref="Retryable"/>: worth
/// trying again later (Twilio 429 / 20429); otherwise permanent for this message (invalid number 21211, opted out
/// 21610, …). Any other exception from <see cref="ISmsSender.SendAsync"/> means the outcome is unknown.
/// </summary>
public sealed class SmsRejectedException(string message, int status, int? code, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public int Status { get; } = status;

    public int? Code { get; } = code;

    public bool Retryable { get; } = retryable;
}

/// <summary>
/// Sends one text (port; Twilio and the local outbox in OrderTracking.Azure). Twilio has no idempotency key, so the
/// caller makes it exactly once: a ledger claim with a lease before the send (see <c>NotificationSender</c>).
/// Throws <see cref="SmsRejectedException"/> when the provider refused the message; any other exception is ambiguous.
/// </summary>
public interface ISmsSender
{
    Task<SmsSendResult> SendAsync(SmsMessage message, string operationId, CancellationToken cancellationToken);
}
