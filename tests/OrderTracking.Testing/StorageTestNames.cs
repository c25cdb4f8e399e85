namespace OrderTracking.Testing;

/// <summary>Unique, valid table and queue names so tests sharing one Azurite never collide.</summary>
public static class StorageTestNames
{
    /// <summary>A table name: the letters and digits of <paramref name="prefix"/> + 24 hex digits (starts with a letter, ≤ 63).</summary>
    public static string NewTableName(string prefix = "t")
    {
        string clean = new([.. prefix.Where(char.IsAsciiLetterOrDigit).Take(30)]);
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
        {
            clean = "t" + clean;
        }

        return clean + Guid.NewGuid().ToString("N")[..24];
    }

    /// <summary>A queue name: lowercase <paramref name="prefix"/> + '-' + 24 hex digits (≤ 63).</summary>
    public static string NewQueueName(string prefix = "q")
    {
        string clean = new([.. prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)).Take(30)]);
        return (clean.Length == 0 ? "q" : clean) + "-" + Guid.NewGuid().ToString("N")[..24];
    }
}
