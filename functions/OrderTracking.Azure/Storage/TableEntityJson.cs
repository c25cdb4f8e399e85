using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// OData JSON (minimal metadata) for entities: Int32, Double, Boolean and String are native JSON; Int64, DateTime, Guid
/// and Binary carry <c>name@odata.type</c>. Double is annotated too so 1.0 does not come back as Int32.
/// https://learn.microsoft.com/rest/api/storageservices/payload-format-for-table-service-operations
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";

    public static bool IsSystemProperty(string name) =>
        name is TableEntity.PartitionKeyName or TableEntity.RowKeyName or TableEntity.TimestampName or TableEntity.ETagName;

    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString(TableEntity.PartitionKeyName, entity.PartitionKey);
        writer.WriteString(TableEntity.RowKeyName, entity.RowKey);
        foreach ((string name, object? value) in entity)
        {
            if (!IsSystemProperty(name) && value is not null)
            {
                WriteProperty(writer, name, value);
            }
        }

        writer.WriteEndObject();
    }

    public static TableEntity Read(JsonElement json)
    {
        var entity = new TableEntity();
        foreach (JsonProperty property in json.EnumerateObject())
        {
            string name = property.Name;
            if (name == TableEntity.ETagName)
            {
                entity[TableEntity.ETagName] = property.Value.GetString();
            }
            else if (!name.Contains('@', StringComparison.Ordinal) && !name.StartsWith("odata.", StringComparison.Ordinal)
                && property.Value.ValueKind != JsonValueKind.Null)
            {
                string? type = json.TryGetProperty(name + TypeSuffix, out JsonElement t) ? t.GetString()
                    : name == TableEntity.TimestampName ? "Edm.DateTime" : null;
                entity[name] = ReadValue(property.Value, type);
            }
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s: writer.WriteString(name, s); break;
            case int i: writer.WriteNumber(name, i); break;
            case bool b: writer.WriteBoolean(name, b); break;
            case long l: WriteTyped(writer, name, l.ToString(CultureInfo.InvariantCulture), "Edm.Int64"); break;
            case double d: WriteDouble(writer, name, d); break;
            case float f: WriteDouble(writer, name, f); break;
            case DateTimeOffset d: WriteTyped(writer, name, FormatDate(d.UtcDateTime), "Edm.DateTime"); break;
            case DateTime d: WriteTyped(writer, name, FormatDate(d.Kind == DateTimeKind.Unspecified ? d : d.ToUniversalTime()), "Edm.DateTime"); break;
            case Guid g: WriteTyped(writer, name, g.ToString("D"), "Edm.Guid"); break;
            case byte[] b: WriteTyped(writer, name, Convert.ToBase64String(b), "Edm.Binary"); break;
            case BinaryData b: WriteTyped(writer, name, Convert.ToBase64String(b.ToMemory().Span), "Edm.Binary"); break;
            case Enum e: writer.WriteString(name, e.ToString()); break;
            default: throw new TableEntityValidationException($"Property '{name}' has unsupported type {value.GetType().Name}.", name);
        }
    }

    private static string FormatDate(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteTyped(Utf8JsonWriter writer, string name, string value, string type)
    {
        writer.WriteString(name, value);
        writer.WriteString(name + TypeSuffix, type);
    }

    private static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }

        writer.WriteString(name + TypeSuffix, "Edm.Double");
    }

    private static object? ReadValue(JsonElement value, string? type) => type switch
    {
        "Edm.Int64" => long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => Convert.FromBase64String(value.GetString()!),
        "Edm.Double" => value.ValueKind == JsonValueKind.String
            ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : value.GetDouble(),
        "Edm.Int32" => value.GetInt32(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => ReadNumber(value),
            _ => value.GetRawText(),
        },
    };

    private static object ReadNumber(JsonElement value)
    {
        string raw = value.GetRawText();
        bool integral = raw.AsSpan().IndexOfAny(".eE") < 0;
        return integral && value.TryGetInt32(out int i) ? (object)i : value.GetDouble();
    }
}
