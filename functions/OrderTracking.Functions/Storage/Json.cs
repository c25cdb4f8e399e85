using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderTracking.Functions.Storage;

/// <summary>One set of JSON options for queue messages, stored JSON columns and API responses.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
