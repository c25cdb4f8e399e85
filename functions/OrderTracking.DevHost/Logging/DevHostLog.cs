
namespace OrderTracking.DevHost.Logging;

/// <summary>Source-generated log messages of the DevHost. No payloads or keys are logged.</summary>
internal static partial class DevHostLog
{
    [LoggerMessage(8, LogLevel.Information, "Executed '{Function}' ({Trigger}, {Outcome}, Id={InvocationId}, Duration={DurationMs} ms)")]
    public static partial void Executed(ILogger logger, string function, TriggerKind trigger, string outcome, string invocationId, long durationMs);

    [LoggerMessage(9, LogLevel.Warning, "'{Function}' failed: {Error}")]
    public static partial void InvocationFailed(ILogger logger, string function, string error);

    [LoggerMessage(13, LogLevel.Warning, "'{Function}': message {MessageId} of '{Queue}' moved to '{PoisonQueue}' (dequeue count {DequeueCount})")]
    public static partial void MovedToPoison(ILogger logger, string messageId, string function, string queue, string poisonQueue, long dequeueCount);

    [LoggerMessage(14, LogLevel.Warning, "Polling queue '{Queue}' failed: {Error}")]
    public static partial void QueuePollFailed(ILogger logger, string queue, string error);

    [LoggerMessage(15, LogLevel.Warning, "Timer '{Function}' failed to run: {Error}")]
    public static partial void TimerFailed(ILogger logger, string function, string error);

    [LoggerMessage(16, LogLevel.Information, "Timer '{Function}' next occurrence {Next:O}")]
    public static partial void TimerScheduled(ILogger logger, string function, DateTimeOffset next);


    [LoggerMessage(20, LogLevel.Warning, "Refused a gRPC stream that did not start with StartStream of a known worker (first message {Content}, worker id '{WorkerId}')")]
    public static partial void UnknownStream(ILogger logger, string content, string workerId);

    [LoggerMessage(21, LogLevel.Information, "Starting worker {Worker}: {Executable} (start {Start})")]
    public static partial void WorkerStarting(ILogger logger, int worker, string executable, int start);

    [LoggerMessage(22, LogLevel.Information, "Worker {Worker} ready (pid {ProcessId}, {Functions} functions loaded) after {ElapsedMs} ms")]
    public static partial void WorkerReady(ILogger logger, int worker, int processId, int functions, long elapsedMs);

    [LoggerMessage(23, LogLevel.Error, "Worker {Worker} exited with code {ExitCode}; starting it again in {DelayMs} ms")]
    public static partial void WorkerExited(ILogger logger, int worker, int exitCode, long delayMs);

    [LoggerMessage(24, LogLevel.Error, "Worker {Worker} failed to start: {Error}")]
    public static partial void WorkerStartFailed(ILogger logger, int worker, string error);

    [LoggerMessage(25, LogLevel.Debug, "[worker {Worker}] {Line}")]
    public static partial void WorkerStdout(ILogger logger, int worker, string line);

    [LoggerMessage(26, LogLevel.Warning, "[worker {Worker}] {Line}")]
    public static partial void WorkerStderr(ILogger logger, int worker, string line);

    [LoggerMessage(EventId = 27, Message = "[{Function}] {Message}")]
    public static partial void FunctionLog(ILogger logger, LogLevel level, string function, string message);

    [LoggerMessage(EventId = 28, Message = "[worker {Worker}] {Category}: {Message}")]
    public static partial void WorkerLog(ILogger logger, LogLevel level, int worker, string category, string message);

    [LoggerMessage(29, LogLevel.Warning, "'{Function}' (Id={InvocationId}): forwarding to the worker failed with {Error} {Detail}")]
    public static partial void ForwardFailed(ILogger logger, string function, string invocationId, string error, string detail);

    [LoggerMessage(30, LogLevel.Information, "{Workers} worker(s) running {Functions} functions")]
    public static partial void WorkersStarted(ILogger logger, int workers, int functions);
}
