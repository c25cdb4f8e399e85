using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.TestHandler;

/// <summary>Queue, timer and envelope-mode HTTP functions on <c>POST /{FunctionName}</c>.</summary>
internal static class EnvelopeEndpoints
{
    public static void Map(WebApplication app) => app.MapPost("/{function}", HandleAsync);

    private static async Task<IResult> HandleAsync(string function, HttpContext context, RequestRecorder recorder, IConfiguration configuration)
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        JsonNode envelope = JsonNode.Parse(body)!;
        IResult result = function switch
        {
            "QueueWork" => await QueueWorkAsync(envelope),
            "Tick" => await TickAsync(configuration),
            "EnvelopeHttp" => EnvelopeHttp(),
            _ => Results.NotFound(),
        };
        recorder.Record(function, context.Request, body, started);
        return result;
    }

    private static async Task<IResult> QueueWorkAsync(JsonNode envelope)
    {
        JsonNode message = JsonNode.Parse(Unwrap(envelope["Data"]!["item"]!))!;
        if (message["fail"]?.GetValue<bool>() == true)
        {
            return Results.Text("failing as asked", statusCode: StatusCodes.Status500InternalServerError);
        }

        if (message["sleepMs"] is JsonNode sleep)
        {
            await Task.Delay(sleep.GetValue<int>());
        }

        string id = message["id"]?.ToString() ?? "?";
        JsonNode? done = message["emit"] is JsonNode emit ? emit.DeepClone() : new JsonObject { ["seen"] = id }.ToJsonString();
        return Results.Json(new JsonObject
        {
            ["Outputs"] = new JsonObject { ["done"] = done },
            ["Logs"] = new JsonArray($"processed {id}"),
            ["ReturnValue"] = null,
        });
    }

    private static async Task<IResult> TickAsync(IConfiguration configuration)
    {
        await Task.Delay(int.Parse(configuration["TestHandler:TickDelayMs"] ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        return Results.Json(new JsonObject { ["Logs"] = new JsonArray("tick") });
    }

    private static IResult EnvelopeHttp() => Results.Json(new JsonObject
    {
        ["Outputs"] = new JsonObject
        {
            ["res"] = new JsonObject
            {
                ["statusCode"] = "202",
                ["headers"] = new JsonObject { ["Content-Type"] = "application/json", ["X-From"] = "envelope" },
                ["body"] = "{\"accepted\":true}",
            },
            ["out"] = new JsonArray("{\"n\":1}", "{\"n\":2}"),
        },
    });

    // Reference §2.3: string values may be JSON-encoded twice; unwrap once more if so.
    private static string Unwrap(JsonNode node)
    {
        string s = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(s)!;
            }
            catch (JsonException)
            {
            }
        }

        return s;
    }
}
