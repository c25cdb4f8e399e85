using System.Text.Json;
using System.Text.Json.Nodes;
using OrderTracking.DevHost.Rpc;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// Reads output values of an <see cref="InvocationResponse"/> (reference §6): as JSON for <see cref="InvocationResult"/>,
/// and as queue messages the way the host's collector writes them — one message per element of a JSON array (or of a
/// string holding one), one message for an object (its JSON text) or any other string, bytes as bytes.
/// </summary>
internal static class TypedDataReader
{
    public static JsonNode? ToJson(TypedData? data) => data?.DataCase switch
    {
        TypedData.DataOneofCase.String => JsonValue.Create(data.String),
        TypedData.DataOneofCase.Json => TryParse(data.Json) ?? JsonValue.Create(data.Json),
        TypedData.DataOneofCase.Bytes => JsonValue.Create(Convert.ToBase64String(data.Bytes.Span)),
        TypedData.DataOneofCase.CollectionString => new JsonArray([.. data.CollectionString.String.Select(s => (JsonNode?)JsonValue.Create(s))]),
        TypedData.DataOneofCase.CollectionBytes => new JsonArray([.. data.CollectionBytes.Bytes.Select(b => (JsonNode?)JsonValue.Create(Convert.ToBase64String(b.Span)))]),
        TypedData.DataOneofCase.CollectionSint64 => new JsonArray([.. data.CollectionSint64.Sint64.Select(n => (JsonNode?)JsonValue.Create(n))]),
        TypedData.DataOneofCase.CollectionDouble => new JsonArray([.. data.CollectionDouble.Double.Select(n => (JsonNode?)JsonValue.Create(n))]),
        TypedData.DataOneofCase.Int => JsonValue.Create(data.Int),
        TypedData.DataOneofCase.Double => JsonValue.Create(data.Double),
        _ => null,
    };

    public static IReadOnlyList<BinaryData> ToQueueMessages(TypedData? data)
    {
        switch (data?.DataCase)
        {
            case TypedData.DataOneofCase.String:
                return TryParse(data.String) is JsonArray array ? Elements(array) : [BinaryData.FromString(data.String)];
            case TypedData.DataOneofCase.Json:
                return TryParse(data.Json) switch
                {
                    JsonArray elements => Elements(elements),
                    JsonValue value when value.GetValueKind() == JsonValueKind.String => [BinaryData.FromString(value.GetValue<string>())],
                    JsonNode node => [BinaryData.FromString(node.ToJsonString())],
                    null => [BinaryData.FromString(data.Json)],
                };
            case TypedData.DataOneofCase.Bytes:
                return [BinaryData.FromBytes(data.Bytes.ToByteArray())];
            case TypedData.DataOneofCase.CollectionString:
                return [.. data.CollectionString.String.Select(BinaryData.FromString)];
            case TypedData.DataOneofCase.CollectionBytes:
                return [.. data.CollectionBytes.Bytes.Select(b => BinaryData.FromBytes(b.ToByteArray()))];
            case TypedData.DataOneofCase.CollectionSint64:
                return [.. data.CollectionSint64.Sint64.Select(n => BinaryData.FromString(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
            case TypedData.DataOneofCase.CollectionDouble:
                return [.. data.CollectionDouble.Double.Select(n => BinaryData.FromString(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
            case TypedData.DataOneofCase.Int:
                return [BinaryData.FromString(data.Int.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            case TypedData.DataOneofCase.Double:
                return [BinaryData.FromString(data.Double.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            default:
                return [];
        }
    }

    private static BinaryData[] Elements(JsonArray array) =>
        [.. array.Where(e => e is not null).Select(e => BinaryData.FromString(e is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : e!.ToJsonString()))];

    private static JsonNode? TryParse(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed[0] is not ('[' or '{' or '"') && !char.IsDigit(trimmed[0]) && trimmed is not ("true" or "false" or "null"))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(trimmed);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
