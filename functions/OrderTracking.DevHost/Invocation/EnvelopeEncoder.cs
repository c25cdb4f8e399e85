using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Invocation;

/// <summary>
/// Converts binding values the way <c>ScriptInvocationContextExtensions.GetHttpScriptInvocationContextValue</c> does
/// (reference §2.2): objects stay nested, dates become ISO text without sub-seconds, and everything else (strings,
/// numbers, booleans) is serialized to JSON text which is then sent <em>as a string</em>, so <c>"abc"</c> arrives as
/// <c>"\"abc\""</c> and <c>1L</c> as <c>"1"</c>.
/// </summary>
internal static class EnvelopeEncoder
{
    /// <summary>Newtonsoft-like escaping: only quotes, backslashes and control characters are escaped.</summary>
    public static readonly JsonSerializerOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonNode? Encode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        DateTimeOffset date => JsonValue.Create(FormatDate(date)),
        DateTime date => JsonValue.Create(FormatDate(new DateTimeOffset(date))),
        string text => JsonValue.Create(JsonSerializer.Serialize(text, WireOptions)),
        bool flag => JsonValue.Create(flag ? "true" : "false"),
        IFormattable number => JsonValue.Create(number.ToString(null, CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"Unsupported binding value type {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>
    /// The host round-trips dates through <c>Parse(ToString())</c>, which drops sub-seconds, and Newtonsoft writes the
    /// offset form: <c>2026-05-01T10:00:00+00:00</c>.
    /// </summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture);

    /// <summary><c>sys</c> = <c>SystemBindingData</c> as a nested object (<c>UtcNow</c> keeps its ticks, as Newtonsoft writes a <c>DateTime</c>).</summary>
    public static JsonObject CreateSys(string functionName, DateTimeOffset utcNow) => new()
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = utcNow.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    /// <summary>
    /// For a trigger value holding a JSON object, the host adds every top-level non-array, non-null property to the binding
    /// data (<c>Utility.ApplyBindingData</c>): objects as nested objects, scalars as their string form
    /// (<c>(string)JValue</c>, so <c>true</c> becomes <c>"True"</c>), which are then encoded like any string.
    /// </summary>
    public static void ApplyJsonProperties(string? text, IDictionary<string, JsonNode?> metadata)
    {
        string trimmed = text?.Trim() ?? string.Empty;
        if (!trimmed.StartsWith('{') || !trimmed.EndsWith('}'))
        {
            return;
        }

        JsonObject? parsed;
        try
        {
            parsed = JsonNode.Parse(trimmed) as JsonObject;
        }
        catch (JsonException)
        {
            return; // "it's not an error if the incoming message isn't JSON"
        }

        foreach ((string name, JsonNode? value) in parsed ?? [])
        {
            switch (value)
            {
                case null or JsonArray:
                    break;
                case JsonObject obj:
                    metadata[name] = obj.DeepClone();
                    break;
                case JsonValue scalar:
                    metadata[name] = Encode(ScalarToString(scalar));
                    break;
            }
        }
    }

    private static string ScalarToString(JsonValue scalar) => scalar.GetValueKind() switch
    {
        JsonValueKind.String => scalar.GetValue<string>(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => scalar.ToJsonString(),
    };
}
