using Microsoft.Extensions.Logging;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Azure.Email;

/// <summary><see cref="IEmailSender"/> through Azure Communication Services Email.</summary>
public sealed class AcsEmailSender : IEmailSender
{
    private readonly AcsEmailClient _client;
    private readonly ILogger<AcsEmailSender> _logger;

    public AcsEmailSender(AcsEmailClient client, ILogger<AcsEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <remarks>A non-UUID <paramref name="operationId"/> is mapped to a name-based UUID (<see cref="DeterministicGuid"/>).</remarks>
    public async Task<EmailSendResult> SendAsync(EmailMessage message, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Guid id = DeterministicGuid.FromOperationId(operationId);
        string accepted = await _client.SendAsync(message, id, cancellationToken).ConfigureAwait(false);
        EmailLog.AcsAccepted(_logger, id);
        return new EmailSendResult(accepted);
    }
}
