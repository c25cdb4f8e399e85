using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderTracking.Functions.Hosting;

/// <summary>
/// The envelope the Functions host posts to <c>POST /{FunctionName}</c> for queue and timer triggers
/// (reference §2.1–2.4): <c>{ "Data": {...}, "Metadata": {...} }</c>.
/// </summary>
internal sealed record InvocationRequest
{
    [JsonPropertyName("Data")]
    public Dictionary<string, JsonElement> Data { get; init; } = [];

    [JsonPropertyName("Metadata")]
    public Dictionary<string, JsonElement> Metadata { get; init; } = [];

    /// <summary>
    /// The trigger value named <paramref name="binding"/> as text, unwrapped from the host's double JSON encoding
    /// (a string value whose content is itself a JSON string literal).
    /// </summary>
    public string? GetString(string binding) =>
        Data.TryGetValue(binding, out JsonElement value) ? EnvelopeValue.UnwrapString(value) : null;

    /// <summary>A metadata value as text, unwrapped the same way.</summary>
    public string? GetMetadataString(string key) =>
        Metadata.TryGetValue(key, out JsonElement value) ? EnvelopeValue.UnwrapString(value) : null;

    /// <summary><c>DequeueCount</c>, which the host sends as the string <c>"1"</c> (docs show a number); 1 if absent.</summary>
    public long DequeueCount =>
        long.TryParse(GetMetadataString("DequeueCount"), out long count) ? count : 1;

    /// <summary>The invocation's <c>sys.UtcNow</c>, if present.</summary>
    public string? InvocationId { get; init; }
}
