namespace OrderTracking.Azure.Email;

/// <summary>An ACS connection string: <c>endpoint=https://…/;accesskey=…</c> (keys case-insensitive, any order).</summary>
internal sealed record AcsConnectionString(Uri Endpoint, string AccessKey)
{
    /// <summary>Parses <paramref name="value"/>; throws <see cref="FormatException"/> without echoing the secret.</summary>
    public static AcsConnectionString Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string? endpoint = null;
        string? key = null;
        foreach (string part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            string name = part[..equals].Trim();
            string partValue = part[(equals + 1)..].Trim();
            if (name.Equals("endpoint", StringComparison.OrdinalIgnoreCase))
            {
                endpoint = partValue;
            }
            else if (name.Equals("accesskey", StringComparison.OrdinalIgnoreCase))
            {
                key = partValue;
            }
        }

        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new FormatException("Email:ConnectionString needs endpoint=https://<resource>.communication.azure.com/.");
        }

        if (string.IsNullOrEmpty(key) || !IsBase64(key))
        {
            throw new FormatException("Email:ConnectionString needs accesskey=<base64 key>.");
        }

        return new AcsConnectionString(uri, key);
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out int written) && written > 0;
    }
}
