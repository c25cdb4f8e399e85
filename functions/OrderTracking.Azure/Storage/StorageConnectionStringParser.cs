namespace OrderTracking.Azure.Storage;

/// <summary>
/// Parses storage connection strings: <c>UseDevelopmentStorage=true</c>, account key, and SAS forms.
/// https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string
/// Error messages never echo the connection string (it holds secrets).
/// </summary>
internal static class StorageConnectionStringParser
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    // Published well-known emulator key (not a secret).
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static StorageConnection Parse(string connectionString)
    {
        Dictionary<string, string> settings = Split(connectionString);
        if (settings.TryGetValue("UseDevelopmentStorage", out string? dev) && bool.TryParse(dev, out bool useDev) && useDev)
        {
            return Development(settings);
        }

        settings.TryGetValue("AccountName", out string? account);
        settings.TryGetValue("AccountKey", out string? key);
        settings.TryGetValue("SharedAccessSignature", out string? sas);
        Uri table = Endpoint(settings, "TableEndpoint", "table", account);
        Uri queue = Endpoint(settings, "QueueEndpoint", "queue", account);
        if (!string.IsNullOrEmpty(key))
        {
            if (string.IsNullOrEmpty(account))
            {
                throw new FormatException("The storage connection string has an AccountKey but no AccountName.");
            }

            return new StorageConnection(table, queue, new StorageSharedKeyCredential(account, key));
        }

        if (!string.IsNullOrEmpty(sas))
        {
            return new StorageConnection(table, queue, sas);
        }

        throw new FormatException("The storage connection string has neither AccountKey nor SharedAccessSignature.");
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The storage connection string is malformed: every segment must be 'Name=Value'.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        return settings.Count > 0 ? settings : throw new FormatException("The storage connection string is empty.");
    }

    private static StorageConnection Development(Dictionary<string, string> settings)
    {
        string host = settings.TryGetValue("DevelopmentStorageProxyUri", out string? proxy)
            ? proxy.TrimEnd('/')
            : "http://127.0.0.1";
        return new StorageConnection(
            new Uri($"{host}:10002/{DevelopmentAccountName}"),
            new Uri($"{host}:10001/{DevelopmentAccountName}"),
            new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey));
    }

    private static Uri Endpoint(Dictionary<string, string> settings, string key, string service, string? account)
    {
        if (settings.TryGetValue(key, out string? explicitEndpoint))
        {
            return Uri.TryCreate(explicitEndpoint.TrimEnd('/'), UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new FormatException($"The storage connection string's {key} is not an absolute http(s) URI.");
        }

        if (string.IsNullOrEmpty(account))
        {
            throw new FormatException($"The storage connection string needs AccountName or an explicit {key}.");
        }

        string protocol = settings.TryGetValue("DefaultEndpointsProtocol", out string? p) ? p.ToLowerInvariant() : "https";
        string suffix = settings.TryGetValue("EndpointSuffix", out string? s) ? s : "core.windows.net";
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException("The storage connection string's DefaultEndpointsProtocol must be http or https.");
        }

        return new Uri($"{protocol}://{account}.{service}.{suffix}");
    }
}
