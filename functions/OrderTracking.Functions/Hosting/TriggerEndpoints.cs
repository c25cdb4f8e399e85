using System.Text.Json;

namespace OrderTracking.Functions.Hosting;

/// <summary>
/// Maps queue- and timer-triggered functions to <c>POST /{FunctionName}</c> (reference §2.1). A handler that throws
/// answers 500, which fails the invocation: the host makes the message visible again and, after
/// <c>maxDequeueCount</c> attempts, moves it to <c>&lt;queue&gt;-poison</c>.
/// </summary>
internal static partial class TriggerEndpoints
{
    public static void MapQueueTrigger<THandler>(this IEndpointRouteBuilder app, string functionName, string bindingName)
        where THandler : IQueueMessageHandler
    {
        app.MapPost($"/{functionName}", async (HttpRequest http, THandler handler, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            ILogger logger = loggers.CreateLogger(functionName);
            InvocationRequest? request = await ReadEnvelopeAsync(http, cancellationToken);
            string? message = request?.GetString(bindingName);
            if (request is null || message is null)
            {
                LogBadEnvelope(logger, functionName);
                return Results.BadRequest(InvocationResponse.WithLogs($"{functionName}: envelope without '{bindingName}'"));
            }

            InvocationResponse response = await handler.HandleAsync(new QueueInvocation(message, request.DequeueCount, request.GetMetadataString("Id")), cancellationToken);
            return Results.Ok(response);
        });
    }

    public static void MapTimerTrigger<THandler>(this IEndpointRouteBuilder app, string functionName)
        where THandler : ITimerHandler
    {
        app.MapPost($"/{functionName}", async (THandler handler, CancellationToken cancellationToken) =>
            Results.Ok(await handler.HandleAsync(cancellationToken)));
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
