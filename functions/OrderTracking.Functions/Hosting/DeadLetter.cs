using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Hosting;

/// <summary>
/// Moves a message that can never succeed (not JSON, unknown type) straight to its poison queue instead of burning
/// <c>maxDequeueCount</c> retries on it. Nothing is dropped silently: the poison queue keeps it for an operator.
/// </summary>
internal sealed partial class DeadLetter(StorageContext storage, ILogger<DeadLetter> logger)
{
    public async Task<string> SendAsync(string queue, string messageText, string reason, CancellationToken cancellationToken)
    {
        await storage.Queue(QueueNames.Poison(queue)).SendMessageAsync(messageText, cancellationToken: cancellationToken);
        LogDeadLettered(logger, queue, reason);
        return $"{queue}: message moved to {QueueNames.Poison(queue)} ({reason})";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Queue} message was moved to its poison queue: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string queue, string reason);
}
