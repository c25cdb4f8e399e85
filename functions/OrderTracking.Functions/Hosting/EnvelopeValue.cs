using System.Text.Json;

namespace OrderTracking.Functions.Hosting;

/// <summary>
/// Tolerant decoding of envelope values (reference §2.2): the host sends strings JSON-encoded twice
/// (<c>"\"abc\""</c>), numbers as strings (<c>"1"</c>), and objects as nested JSON. Decode all of them.
/// </summary>
internal static class EnvelopeValue
{
    public static string? UnwrapString(JsonElement element)
    {
        string text;
        switch (element.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.String:
                text = element.GetString()!;
                break;
            default:
                return element.GetRawText();
        }

        // Peel JSON string literals: "\"{...}\"" → "{...}". Twice at most, as no host layer encodes more.
        for (int i = 0; i < 2 && text.Length >= 2 && text[0] == '"' && text[^1] == '"'; i++)
        {
            try
            {
                text = JsonSerializer.Deserialize<string>(text) ?? string.Empty;
            }
            catch (JsonException)
            {
                break;
            }
        }

        return text;
    }
}
