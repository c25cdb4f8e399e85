using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers.Http;

/// <summary>Tolerant JSON reading for mappers: malformed JSON becomes a failed result, never an exception.</summary>
internal static class CarrierJson
{
    public static bool TryParse<T>(byte[] body, JsonTypeInfo<T> typeInfo, out T? value, out CarrierTrackingResult? failure)
        where T : class
    {
        try
        {
            value = body.Length == 0 ? null : JsonSerializer.Deserialize(body, typeInfo);
            failure = value is null ? CarrierTrackingResult.Failed("empty response") : null;
        }
        catch (JsonException)
        {
            value = null;
            failure = CarrierTrackingResult.Failed("malformed JSON response");
        }

        return failure is null;
    }
}
