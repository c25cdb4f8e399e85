using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Invocation;

/// <summary>
/// Turns one queue output value into message texts as the host does (reference §3.3): an array (or a string holding one)
/// gives one message per element, an object one message as indented JSON, and a string that is valid Base64 is decoded
/// first (<c>GetBindingValue</c>), unless the binding's <c>dataType</c> is <c>binary</c>.
/// </summary>
internal static class QueueOutputReader
{
    private static readonly JsonSerializerOptions s_indented = new(EnvelopeEncoder.WireOptions) { WriteIndented = true };

    public static IReadOnlyList<string> Read(JsonNode value, bool binaryDataType, out bool base64Decoded)
    {
        base64Decoded = false;
        if (value is JsonValue scalar && scalar.TryGetValue(out string? text) && text is not null)
        {
            if (!binaryDataType && TryDecodeBase64(text, out string? decoded))
            {
                base64Decoded = true;
                return [decoded];
            }

            return TryParseArray(text) is { } array ? Elements(array) : [text];
        }

        return value switch
        {
            JsonArray array => Elements(array),
            JsonObject obj => [obj.ToJsonString(s_indented)],
            _ => [value.ToJsonString()],
        };
    }

    private static string[] Elements(JsonArray array) =>
        array.Where(e => e is not null).Select(e => e is JsonValue v && v.TryGetValue(out string? s) ? s : e!.ToJsonString(s_indented)).ToArray();

    private static JsonArray? TryParseArray(string text)
    {
        string trimmed = text.Trim();
        if (!trimmed.StartsWith('[') || !trimmed.EndsWith(']'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(trimmed) as JsonArray;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryDecodeBase64(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? decoded)
    {
        decoded = null;
        if (text.Length == 0)
        {
            return false;
        }

        byte[] buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
        {
            return false;
        }

        decoded = Encoding.UTF8.GetString(buffer, 0, written);
        return true;
    }
}
