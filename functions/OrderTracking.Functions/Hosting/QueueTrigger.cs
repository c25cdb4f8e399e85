using System.Text.Json;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Hosting;

/// <summary>
/// The common part of every queue-triggered function (DESIGN §2): storage exists (the poison queue a bad message goes
/// to included), the message is a JSON object of the handler's type or it is dead-lettered at once, and the handler's
/// summary is logged. An exception from the handler fails the invocation: the host makes the message visible again
/// and, after <c>maxDequeueCount</c> attempts, moves it to <c>&lt;queue&gt;-poison</c>.
/// </summary>
internal sealed partial class QueueTrigger(StorageContext storage, DeadLetter deadLetter, ILoggerFactory loggers)
{
    public async Task RunAsync<TMessage>(IQueueMessageHandler<TMessage> handler, string functionName, string queueName, string message, CancellationToken cancellationToken)
        where TMessage : class
    {
        ILogger logger = loggers.CreateLogger($"Function.{functionName}");
        await storage.EnsureCreatedAsync(cancellationToken);
        TMessage? typed = Deserialize<TMessage>(message);
        if (typed is null || !handler.IsValid(typed))
        {
            string deadLettered = await deadLetter.SendAsync(queueName, message, $"not a valid {typeof(TMessage).Name}", cancellationToken);
            LogSummary(logger, deadLettered);
            return;
        }

        string summary = await handler.HandleAsync(typed, cancellationToken);
        LogSummary(logger, summary);
    }

    private static T? Deserialize<T>(string json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Summary}")]
    private static partial void LogSummary(ILogger logger, string summary);
}
