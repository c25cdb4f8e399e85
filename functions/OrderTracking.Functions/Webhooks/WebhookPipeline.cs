using OrderTracking.Commerce;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Ingestion;

namespace OrderTracking.Functions.Webhooks;

/// <summary>
/// What every webhook does after its signature checked out: drop ignored events with 200, reject malformed ones with
/// 400 (never enqueued), enqueue the rest and acknowledge only once the queue has it (503 when storage is unreachable,
/// so the platform retries). One storage call on the way: duplicate deliveries are dropped by <c>IngestEvent</c>, off
/// the acknowledgement path (every consumer is idempotent anyway).
/// </summary>
internal sealed partial class WebhookPipeline(InboundQueue queue, ILogger<WebhookPipeline> logger)
{
    public async Task<IResult> AcceptAsync(HttpContext http, string source, WebhookParseResult parsed, Func<Task> enqueue, CancellationToken cancellationToken)
    {
        string type = LoggableType(parsed.EventType);
        using System.Diagnostics.Activity? span = Telemetry.Start("webhook " + source, kind: System.Diagnostics.ActivityKind.Server);
        switch (parsed.Outcome)
        {
            case WebhookParseOutcome.Malformed:
                Count(source, "malformed");
                LogMalformed(logger, source, type, parsed.Error ?? "?");
                return Problems.Create(StatusCodes.Status400BadRequest, "Malformed event", parsed.Error ?? "The event could not be parsed.");
            case WebhookParseOutcome.Ignored:
                Count(source, "ignored");
                LogIgnored(logger, source, type);
                return Results.Ok(new { status = "ignored" });
        }

        try
        {
            await enqueue();
        }
        catch (InboundMessageTooLargeException ex)
        {
            Count(source, "tooLarge");
            LogTooLarge(logger, source, type, ex.Bytes);
            return Problems.EventTooLarge(InboundQueue.MaxMessageBytes);
        }
        catch (Exception ex) when (InboundQueue.IsUnavailable(ex))
        {
            Count(source, "storageUnavailable");
            LogStorageUnavailable(logger, source, ex.GetType().Name);
            return Problems.StorageUnavailable(http);
        }

        Count(source, "accepted");
        LogAccepted(logger, source, type);
        return Results.Ok(new { status = "accepted" });
    }

    /// <summary>Counts a webhook answer in <see cref="Telemetry.Webhooks"/>.</summary>
    internal static void Count(string source, string outcome) =>
        Telemetry.Webhooks.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>
    /// The event type as it may go into a log line: the platforms' types are short tokens (<c>charge.updated</c>,
    /// <c>orders/create</c>, <c>PAYMENT.CAPTURE.COMPLETED</c>); anything else in that field (an email, markup, a
    /// 50 KB string) is the sender's data, not a type, and is not logged.
    /// </summary>
    internal static string LoggableType(string? type) =>
        type is null ? "?"
        : type.Length <= 64 && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/' or '-') ? type
        : "(unrecognised type)";

    public Task EnqueueAsync(Core.Orders.OrderEvent ev, CancellationToken cancellationToken) => queue.EnqueueAsync(ev, cancellationToken);

    public Task EnqueueRawAsync(string type, string body, CancellationToken cancellationToken) => queue.EnqueueRawAsync(type, body, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} webhook {EventType} rejected as malformed: {Error}")]
    private static partial void LogMalformed(ILogger logger, string source, string eventType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} webhook {EventType} acknowledged and ignored (not an event we use)")]
    private static partial void LogIgnored(ILogger logger, string source, string eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} webhook {EventType} enqueued")]
    private static partial void LogAccepted(ILogger logger, string source, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} webhook {EventType} rejected: {Bytes} bytes once queued, over the queue message limit")]
    private static partial void LogTooLarge(ILogger logger, string source, string eventType, int bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} webhook could not be enqueued ({Error}); answered 503 so the platform retries")]
    private static partial void LogStorageUnavailable(ILogger logger, string source, string error);
}
