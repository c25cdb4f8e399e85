using System.Text;
using Microsoft.Extensions.Logging;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Azure.Sms;

/// <summary>
/// <see cref="ISmsSender"/> for local runs: each text is a <c>{operation-uuid}.txt</c> file (<c>To:</c>, a blank line,
/// the body) in <c>Sms:OutboxDirectory</c>, written to a temporary name and renamed into place.
/// </summary>
public sealed partial class OutboxSmsSender(SmsOptions options, ILogger<OutboxSmsSender> logger) : ISmsSender
{
    public string Directory { get; } = Path.GetFullPath(options.OutboxDirectory);

    public async Task<SmsSendResult> SendAsync(SmsMessage message, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Guid id = DeterministicGuid.FromOperationId(operationId);
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Combine(Directory, id.ToString("D") + ".txt");
        string temporary = Path.Combine(Directory, $".{id:N}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, $"To: {message.To}\n\n{message.Body}\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        LogWritten(logger, id);
        return new SmsSendResult(path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS written to the local outbox ({OperationId})")]
    private static partial void LogWritten(ILogger logger, Guid operationId);
}
