using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// A table entity as a property bag (mirrors <c>Azure.Data.Tables.TableEntity</c>). Supported value types: string, int,
/// long, double, bool, DateTimeOffset (DateTime), Guid, byte[] (BinaryData). <c>null</c> values are not sent.
/// PartitionKey, RowKey, Timestamp and the ETag (<c>odata.etag</c>) are entries of the bag as well.
/// </summary>
[SuppressMessage("Naming", "CA1710", Justification = "Mirrors Azure.Data.Tables.TableEntity so the official SDK can replace it.")]
public sealed class TableEntity : IDictionary<string, object?>
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";
    internal const string ETagName = "odata.etag";

    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public TableEntity()
    {
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>The partition key (empty when unset).</summary>
    public string PartitionKey
    {
        get => GetString(PartitionKeyName) ?? string.Empty;
        set => _properties[PartitionKeyName] = value;
    }

    /// <summary>The row key (empty when unset).</summary>
    public string RowKey
    {
        get => GetString(RowKeyName) ?? string.Empty;
        set => _properties[RowKeyName] = value;
    }

    /// <summary>The ETag returned by the service; <c>default</c> when the entity was never read or written.</summary>
    public ETag ETag
    {
        get => _properties.TryGetValue(ETagName, out object? value) && value is string s ? new ETag(s) : default;
        set => _properties[ETagName] = value == default ? null : value.ToString();
    }

    /// <summary>Server-maintained last-modified time; never sent.</summary>
    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TimestampName);
        set => _properties[TimestampName] = value;
    }

    /// <inheritdoc />
    public ICollection<string> Keys => _properties.Keys;

    /// <inheritdoc />
    public ICollection<object?> Values => _properties.Values;

    /// <inheritdoc />
    public int Count => _properties.Count;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    /// <inheritdoc />
    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out object? value) ? value : null;
        set => _properties[key] = value;
    }

    public string? GetString(string key) => (string?)Get(key, "string", static v => v as string);

    public int? GetInt32(string key) => (int?)Get(key, "int", static v => v switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => null,
    });

    public long? GetInt64(string key) => (long?)Get(key, "long", static v => v switch
    {
        long l => l,
        int i => i,
        _ => null,
    });

    public double? GetDouble(string key) => (double?)Get(key, "double", static v => v switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => null,
    });

    public bool? GetBoolean(string key) => (bool?)Get(key, "bool", static v => v as bool?);

    public DateTimeOffset? GetDateTimeOffset(string key) => (DateTimeOffset?)Get(key, "DateTimeOffset", static v => v switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d),
        _ => null,
    });

    public Guid? GetGuid(string key) => (Guid?)Get(key, "Guid", static v => v switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out Guid g) => g,
        _ => null,
    });

    public byte[]? GetBinary(string key) => (byte[]?)Get(key, "byte[]", static v => v switch
    {
        byte[] b => b,
        BinaryData b => b.ToArray(),
        _ => null,
    });

    /// <inheritdoc />
    public void Add(string key, object? value) => _properties.Add(key, value);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <inheritdoc />
    public bool Remove(string key) => _properties.Remove(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);

    /// <inheritdoc />
    public void Clear() => _properties.Clear();

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private object? Get(string key, string typeName, Func<object, object?> convert)
    {
        if (!_properties.TryGetValue(key, out object? value) || value is null)
        {
            return null;
        }

        return convert(value)
            ?? throw new InvalidOperationException($"Property '{key}' holds a {value.GetType().Name}, not a {typeName}.");
    }
}
