using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Http;

/// <summary>
/// Applies an <c>http</c> output value to the response like <c>HttpBinding.ParseResponseObject</c> (reference §3.2):
/// an object with a <c>body</c> key gives status (<c>statusCode</c> or <c>status</c>, string or number, default 200),
/// headers and body; an object without <c>body</c> is itself the JSON body; a bare string is an error.
/// </summary>
internal static class HttpResponseMapper
{
    public static async Task WriteAsync(HttpResponse response, JsonNode? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (value is not JsonObject obj)
        {
            throw new InvalidOperationException("The http output must be an object such as {\"statusCode\":200,\"body\":\"...\"}, not a bare value.");
        }

        var ci = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true });
        foreach ((string key, JsonNode? node) in obj)
        {
            ci[key] = node?.DeepClone();
        }

        if (!ci.ContainsKey("body"))
        {
            await WriteBodyAsync(response, StatusCodes.Status200OK, ci.ToJsonString(), "application/json; charset=utf-8", cancellationToken).ConfigureAwait(false);
            return;
        }

        int status = ParseStatus(ci["statusCode"] ?? ci["status"]);
        if (ci["headers"] is JsonObject headers)
        {
            foreach ((string name, JsonNode? headerValue) in headers)
            {
                response.Headers[name] = headerValue is JsonValue v && v.TryGetValue(out string? s) ? s : headerValue?.ToJsonString();
            }
        }

        JsonNode? body = ci["body"];
        (string text, string contentType) = body switch
        {
            null => (string.Empty, "text/plain; charset=utf-8"),
            JsonValue v when v.TryGetValue(out string? s) => (s, "text/plain; charset=utf-8"),
            JsonValue v => (v.ToJsonString(), "text/plain; charset=utf-8"),
            _ => (body.ToJsonString(), "application/json; charset=utf-8"),
        };
        await WriteBodyAsync(response, status, text, response.ContentType ?? contentType, cancellationToken).ConfigureAwait(false);
    }

    private static int ParseStatus(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out int code) => code,
        JsonValue v when v.TryGetValue(out string? s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) => parsed,
        _ => StatusCodes.Status200OK,
    };

    private static async Task WriteBodyAsync(HttpResponse response, int status, string text, string contentType, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}
