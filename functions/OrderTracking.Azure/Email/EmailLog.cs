using Microsoft.Extensions.Logging;

namespace OrderTracking.Azure.Email;

/// <summary>Email log messages. Never logs addresses, names, subjects, bodies or keys.</summary>
internal static partial class EmailLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Email: sending through Azure Communication Services at {Host} with {Authentication} authentication")]
    public static partial void UsingAcs(ILogger logger, string host, string authentication);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "Email: no ACS connection configured; writing emails to the local outbox {Directory}")]
    public static partial void UsingOutbox(ILogger logger, string directory);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Email {OperationId} accepted by ACS")]
    public static partial void AcsAccepted(ILogger logger, Guid operationId);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Email {OperationId} written to {Path}")]
    public static partial void OutboxWritten(ILogger logger, Guid operationId, string path);
}
