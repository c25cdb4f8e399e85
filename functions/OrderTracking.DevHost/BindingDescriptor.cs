using System.Text.Json.Nodes;

namespace OrderTracking.DevHost;

/// <summary>One raw binding of a function, as the worker reports it.</summary>
/// <param name="Name">The binding <c>name</c> (key in <c>Data</c> or <c>Outputs</c>).</param>
/// <param name="Type">The binding <c>type</c>, e.g. <c>queueTrigger</c>.</param>
/// <param name="Direction"><c>in</c> or <c>out</c>.</param>
/// <param name="Raw">The whole binding object as written.</param>
public sealed record BindingDescriptor(string Name, string Type, string Direction, JsonObject Raw)
{
    /// <summary>True for <c>direction: out</c>.</summary>
    public bool IsOutput => string.Equals(Direction, "out", StringComparison.OrdinalIgnoreCase);

    /// <summary>A string property of the binding, or null.</summary>
    public string? GetString(string property) =>
        Raw.TryGetPropertyValue(property, out JsonNode? node) && node is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : null;

    /// <summary>A boolean property of the binding (true/false or "true"/"false"), or <paramref name="defaultValue"/>.</summary>
    public bool GetBoolean(string property, bool defaultValue)
    {
        if (!Raw.TryGetPropertyValue(property, out JsonNode? node) || node is not JsonValue value)
        {
            return defaultValue;
        }

        if (value.TryGetValue(out bool flag))
        {
            return flag;
        }

        return value.TryGetValue(out string? text) && bool.TryParse(text, out bool parsed) ? parsed : defaultValue;
    }
}
