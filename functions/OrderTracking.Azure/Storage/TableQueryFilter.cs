using System.Globalization;
using System.Text;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// Builds an OData <c>$filter</c> from an interpolated string, formatting each hole as an OData literal the way
/// <c>Azure.Data.Tables.TableClient.CreateQueryFilter</c> does. https://learn.microsoft.com/rest/api/storageservices/querying-tables-and-entities
/// </summary>
internal static class TableQueryFilter
{
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        object?[] args = filter.GetArguments();
        var literals = new object?[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            literals[i] = Literal(args[i]);
        }

        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        int or short or byte or sbyte or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        uint u => u.ToString(CultureInfo.InvariantCulture) + "L",
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset d => $"datetime'{d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}'",
        DateTime d => Literal(new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d)),
        Guid g => $"guid'{g:D}'",
        byte[] b => $"X'{Convert.ToHexStringLower(b)}'",
        Enum e => Quote(e.ToString()),
        _ => throw new ArgumentException($"Type {value.GetType().Name} cannot be used in a table query filter.", nameof(value)),
    };

    private static string Quote(string value) => new StringBuilder(value.Length + 2)
        .Append('\'').Append(value.Replace("'", "''", StringComparison.Ordinal)).Append('\'').ToString();

    private static string FormatDouble(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        // A whole number would be read back as Int32; keep it a double literal.
        return text.AsSpan().IndexOfAny(".eEN") < 0 && !text.Contains("Infinity", StringComparison.Ordinal) ? text + ".0" : text;
    }
}
