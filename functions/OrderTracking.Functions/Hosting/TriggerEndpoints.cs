using System.Text.Json;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Hosting;

/// <summary>
/// Maps queue- and timer-triggered functions to <c>POST /{FunctionName}</c> (reference §2.1). A handler that throws
/// answers 500, which fails the invocation: the host makes the message visible again and, after
/// <c>maxDequeueCount</c> attempts, moves it to <c>&lt;queue&gt;-poison</c>.
/// </summary>
internal static partial class TriggerEndpoints
{
    public static void MapQueueTrigger<THandler, TMessage>(this IEndpointRouteBuilder app, string functionName, string bindingName, string queueName)
        where THandler : IQueueMessageHandler<TMessage>
        where TMessage : class
    {
        app.MapPost($"/{functionName}", async (
            HttpRequest http, THandler handler, StorageContext storage, DeadLetter deadLetter, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            ILogger logger = loggers.CreateLogger(functionName);
            InvocationRequest? request = await ReadEnvelopeAsync(http, cancellationToken);
            string? message = request?.GetString(bindingName);
            if (request is null || message is null)
            {
                LogBadEnvelope(logger, functionName);
                return Results.BadRequest(InvocationResponse.WithLogs($"{functionName}: envelope without '{bindingName}'"));
            }

            // Before anything else: the poison queue a bad message goes to must exist too.
            await storage.EnsureCreatedAsync(cancellationToken);
            TMessage? typed = Deserialize<TMessage>(message);
            if (typed is null || !handler.IsValid(typed))
            {
                return Results.Ok(await deadLetter.SendAsync(queueName, message, $"not a valid {typeof(TMessage).Name}", cancellationToken));
            }

            var invocation = new QueueInvocation(message, request.DequeueCount, request.GetMetadataString("Id"));
            return Results.Ok(await handler.HandleAsync(typed, invocation, cancellationToken));
        });
    }

    public static void MapTimerTrigger<THandler>(this IEndpointRouteBuilder app, string functionName)
        where THandler : ITimerHandler
    {
        app.MapPost($"/{functionName}", async (THandler handler, CancellationToken cancellationToken) =>
            Results.Ok(await handler.HandleAsync(cancellationToken)));
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

    private static async Task<InvocationRequest?> ReadEnvelopeAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<InvocationRequest>(http.Body, Json.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: the host sent an envelope we cannot read")]
    private static partial void LogBadEnvelope(ILogger logger, string function);
}
