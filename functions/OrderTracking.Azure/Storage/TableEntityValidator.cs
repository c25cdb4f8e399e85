using System.Globalization;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// Table service rules checked before any request, so a bad entity fails fast with a clear message instead of a 400.
/// https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model
/// </summary>
internal static class TableEntityValidator
{
    public const int MaxKeyBytes = 1024;           // 1 KiB as UTF-16 = 512 characters (Azurite enforces the same).
    public const int MaxPropertyBytes = 64 * 1024; // strings as UTF-16, binary as bytes
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxProperties = 255;          // including PartitionKey, RowKey and Timestamp
    public const int MaxPropertyNameLength = 255;

    public static void ValidateKey(string? key, string name)
    {
        if (key is null)
        {
            throw new TableEntityValidationException($"{name} is required.", name);
        }

        if (key.Length * 2 > MaxKeyBytes)
        {
            throw new TableEntityValidationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{name} is {key.Length} characters; the Table service allows 1 KiB ({MaxKeyBytes / 2} UTF-16 characters)."), name);
        }

        foreach (char c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new TableEntityValidationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name} contains a disallowed character (U+{(int)c:X4}); keys may not contain / \\ # ? or control characters."), name);
            }
        }
    }

    public static void Validate(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(entity.GetString(TableEntity.PartitionKeyName), TableEntity.PartitionKeyName);
        ValidateKey(entity.GetString(TableEntity.RowKeyName), TableEntity.RowKeyName);

        // Size formula: https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-types
        long size = 4 + (entity.PartitionKey.Length * 2) + (entity.RowKey.Length * 2);
        int count = 3;
        foreach ((string name, object? value) in entity)
        {
            if (TableEntityJson.IsSystemProperty(name) || value is null)
            {
                continue;
            }

            ValidateName(name);
            long valueSize = ValueSize(name, value);
            if (valueSize > MaxPropertyBytes)
            {
                throw new TableEntityValidationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Property '{name}' is {valueSize} bytes; the Table service allows 64 KiB per property."), name);
            }

            size += 8 + (name.Length * 2) + valueSize;
            count++;
        }

        if (count > MaxProperties)
        {
            throw new TableEntityValidationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The entity has {count} properties including PartitionKey, RowKey and Timestamp; the Table service allows {MaxProperties}."));
        }

        if (size > MaxEntityBytes)
        {
            throw new TableEntityValidationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The entity is about {size} bytes; the Table service allows 1 MiB."));
        }
    }

    private static void ValidateName(string name)
    {
        bool valid = name.Length is > 0 and <= MaxPropertyNameLength
            && (char.IsLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsLetterOrDigit(c) || c == '_');
        if (!valid)
        {
            throw new TableEntityValidationException(
                $"Property name '{name}' is invalid: up to 255 letters, digits or underscores, not starting with a digit.", name);
        }
    }

    private static long ValueSize(string name, object value) => value switch
    {
        string s => 4 + (s.Length * 2L),
        byte[] b => b.Length,
        BinaryData b => b.ToMemory().Length,
        int or bool => value is bool ? 1 : 4,
        long or double or float or DateTimeOffset or DateTime => 8,
        Guid => 16,
        Enum e => 4 + (e.ToString().Length * 2L),
        _ => throw new TableEntityValidationException(
            $"Property '{name}' has unsupported type {value.GetType().Name}; use string, int, long, double, bool, DateTimeOffset, Guid or byte[].", name),
    };
}
