using Microsoft.Extensions.Logging;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Azure.Email;

/// <summary>
/// <see cref="IEmailSender"/> for local runs: writes each email as an RFC 5322 <c>.eml</c> file named
/// <c>{operation-uuid}.eml</c>, so a retried send overwrites its own file instead of adding a second one. The file is
/// written to a temporary name and renamed into place, so readers never see half an email.
/// </summary>
public sealed class OutboxEmailSender : IEmailSender
{
    private readonly string _directory;
    private readonly string _sender;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OutboxEmailSender> _logger;

    public OutboxEmailSender(EmailOptions options, TimeProvider timeProvider, ILogger<OutboxEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _directory = Path.GetFullPath(options.OutboxDirectory);
        _sender = options.Sender;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The absolute outbox folder.</summary>
    public string Directory => _directory;

    /// <inheritdoc />
    /// <remarks>Returns the full path of the <c>.eml</c> file as the provider message id.</remarks>
    public async Task<EmailSendResult> SendAsync(EmailMessage message, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Guid id = DeterministicGuid.FromOperationId(operationId);
        byte[] eml = EmlWriter.Write(message, _sender, id, _timeProvider.GetUtcNow());
        System.IO.Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, id.ToString("D") + ".eml");
        string temporary = Path.Combine(_directory, $".{id:N}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, eml, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        EmailLog.OutboxWritten(_logger, id, path);
        return new EmailSendResult(path);
    }
}
