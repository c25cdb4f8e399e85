using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// Reads the Functions identity-based connection form (<c>AzureWebJobsStorage__accountName</c>, <c>__tableServiceUri</c>,
/// <c>__queueServiceUri</c>, <c>__credential</c>, <c>__clientId</c>).
/// https://learn.microsoft.com/azure/azure-functions/functions-reference#common-properties-for-identity-based-connections
/// </summary>
internal static class StorageIdentityConfiguration
{
    public static StorageConnection Read(IConfiguration configuration, string name)
    {
        string? connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return StorageConnection.FromConnectionString(connectionString);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"Configuration '{name}' is not a valid storage connection string: {ex.Message}", ex);
            }
        }

        IConfigurationSection section = configuration.GetSection(name);
        string? account = section["accountName"];
        Uri? table = ServiceUri(section, "tableServiceUri", name) ?? AccountUri(account, "table");
        Uri? queue = ServiceUri(section, "queueServiceUri", name) ?? AccountUri(account, "queue");
        if (table is null || queue is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{name}' to a connection string ('UseDevelopmentStorage=true' for Azurite), " +
                $"or '{name}__accountName' (or both '{name}__tableServiceUri' and '{name}__queueServiceUri') for managed identity.");
        }

        return StorageConnection.FromServiceUris(table, queue, CreateCredential(section["credential"], section["clientId"]));
    }

    internal static TokenCredential CreateCredential(string? credential, string? clientId)
    {
        bool hasClientId = !string.IsNullOrWhiteSpace(clientId);
        if (string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(hasClientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId!)
                : ManagedIdentityId.SystemAssigned);
        }

        var options = new DefaultAzureCredentialOptions();
        if (hasClientId)
        {
            options.ManagedIdentityClientId = clientId;
        }

        return new DefaultAzureCredential(options);
    }

    private static Uri? ServiceUri(IConfigurationSection section, string key, string name)
    {
        string? value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"Configuration '{name}__{key}' must be an absolute https URI.");
    }

    private static Uri? AccountUri(string? account, string service) =>
        string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account.Trim()}.{service}.core.windows.net");
}
