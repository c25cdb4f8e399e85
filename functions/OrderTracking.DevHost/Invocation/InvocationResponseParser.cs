using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Invocation;

/// <summary>
/// Reads the handler's answer like <c>GetHttpScriptInvocationResult</c> (reference §3.1, §3.4): non-2xx or a body that
/// is not a JSON object fails the invocation; property names are case-insensitive.
/// </summary>
internal static class InvocationResponseParser
{
    public static InvocationResult Parse(string invocationId, int statusCode, string body)
    {
        if (statusCode is < 200 or > 299)
        {
            return Failed(invocationId, statusCode, $"the handler answered {statusCode}");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            // The real host would wait until functionTimeout here ([derived], reference §3.4); failing fast is kinder.
            return Failed(invocationId, statusCode, "the handler answered 2xx with an empty body; answer at least {} (the real host waits until functionTimeout)");
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is null)
        {
            return Failed(invocationId, statusCode, "the handler's body is not a JSON object (Invalid HttpResponseMessage)");
        }

        JsonObject? outputs = root["Outputs"] as JsonObject;
        var logs = (root["Logs"] as JsonArray)?.Select(l => l is JsonValue v && v.TryGetValue(out string? s) ? s : l?.ToJsonString() ?? string.Empty).ToArray() ?? [];
        JsonNode? returnValue = root["ReturnValue"];
        return new InvocationResult(invocationId, true, statusCode, CaseInsensitive(outputs), returnValue?.DeepClone(), logs, null);
    }

    public static InvocationResult Failed(string invocationId, int? statusCode, string error) =>
        new(invocationId, false, statusCode, null, null, [], error);

    private static JsonObject? CaseInsensitive(JsonObject? outputs)
    {
        if (outputs is null)
        {
            return null;
        }

        var copy = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true });
        foreach ((string key, JsonNode? value) in outputs)
        {
            copy[key] = value?.DeepClone();
        }

        return copy;
    }
}
