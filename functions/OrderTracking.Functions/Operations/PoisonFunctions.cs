using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Operations;

/// <summary>
/// Poison-message tools for operators (function key; docs/operations.md):
/// <c>GET /api/ops/poison</c> lists each queue's poison twin (count, and the oldest messages' id, type, size, age and
/// dequeue count; never their content, which holds customer data); <c>POST /api/ops/poison/{queue}/replay?max=N</c>
/// moves up to N messages back to <c>{queue}</c>; <c>POST /api/ops/poison/{queue}/discard?max=N</c> deletes them.
/// A replayed message is sent before it is deleted from the poison queue, so a crash in between replays it twice at
/// worst, which every consumer absorbs (they are idempotent); it is never lost.
/// </summary>
internal sealed partial class PoisonFunctions(StorageContext storage, TimeProvider time, ILogger<PoisonFunctions> logger)
{
    public const string ListName = "OpsPoison";
    public const string ActionName = "OpsPoisonAction";
    private const int DefaultMax = 32;
    private const int MaxPerCall = 1000;
    private static readonly TimeSpan s_claim = TimeSpan.FromMinutes(5);

    [Function(ListName)]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/poison")] HttpRequest request, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        var queues = new List<object>();
        foreach (string queue in QueueNames.All)
        {
            QueueClient poison = storage.Queue(QueueNames.Poison(queue));
            int count = (await poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            PeekedMessage[] oldest = count == 0 ? [] : (await poison.PeekMessagesAsync(DefaultMax, cancellationToken)).Value;
            queues.Add(new
            {
                queue,
                poisonQueue = QueueNames.Poison(queue),
                count,
                oldest = oldest.Select(m => new
                {
                    id = m.MessageId,
                    type = TypeOf(m.MessageText),
                    bytes = m.MessageText.Length,
                    insertedAt = m.InsertedOn,
                    ageMinutes = m.InsertedOn is { } at ? (int)(now - at).TotalMinutes : (int?)null,
                    dequeueCount = m.DequeueCount,
                }),
            });
        }

        return Results.Ok(new { queues });
    }

    [Function(ActionName)]
    public async Task<IResult> ActAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "ops/poison/{queue}/{action:regex(^(replay|discard)$)}")] HttpRequest request,
        string queue, string action, CancellationToken cancellationToken)
    {
        // The route's regex constraint matches case-insensitively: "REPLAY" must not fall through to a discard.
        if (action is not ("replay" or "discard"))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown action", detail: "replay or discard (lower case).");
        }

        if (!QueueNames.All.Contains(queue))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown queue", detail: $"One of: {string.Join(", ", QueueNames.All)}.");
        }

        string? maxText = request.Query["max"];
        int max = DefaultMax;
        if (maxText is not null && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxPerCall))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid max", detail: $"max must be 1-{MaxPerCall}.");
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        QueueClient poison = storage.Queue(QueueNames.Poison(queue));
        QueueClient target = storage.Queue(queue);
        bool replay = action == "replay";
        int done = 0;
        while (done < max)
        {
            QueueMessage[] batch = (await poison.ReceiveMessagesAsync(Math.Min(32, max - done), s_claim, cancellationToken)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (QueueMessage message in batch)
            {
                if (replay)
                {
                    await target.SendMessageAsync(message.MessageText, cancellationToken); // before the delete: never lost
                }

                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                done++;
            }
        }

        int left = (await poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        LogAction(logger, action, done, QueueNames.Poison(queue), left);
        return Results.Ok(new { queue, action, messages = done, left });
    }

    /// <summary>The message's <c>type</c> (inbound events) or <c>kind</c>, when it is JSON and has one; never content.</summary>
    private static string? TypeOf(string text)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String
                ? Webhooks.WebhookPipeline.LoggableType(t.GetString())
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return "(not JSON)";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ops: {Action} of {Count} messages from {PoisonQueue}; {Left} left")]
    private static partial void LogAction(ILogger logger, string action, int count, string poisonQueue, int left);
}
