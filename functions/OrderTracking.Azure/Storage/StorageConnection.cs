using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// Where the storage account is and how to authenticate, read from <c>AzureWebJobsStorage</c> in any form the
/// Functions host accepts: a connection string (account key, SAS, <c>UseDevelopmentStorage=true</c>) or the
/// identity-based settings. Creates the Azure SDK's Table and Queue service clients.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>OAuth scope for Azure Storage data-plane tokens (what the SDK asks a <see cref="TokenCredential"/> for).</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private readonly string? _connectionString;

    private StorageConnection(string connectionString, TableServiceClient tables, QueueServiceClient queues)
    {
        _connectionString = connectionString;
        TableEndpoint = TrimSlash(tables.Uri);
        QueueEndpoint = TrimSlash(queues.Uri);
        AccountName = tables.AccountName;
    }

    private StorageConnection(Uri tableEndpoint, Uri queueEndpoint, TokenCredential credential)
    {
        TableEndpoint = TrimSlash(tableEndpoint);
        QueueEndpoint = TrimSlash(queueEndpoint);
        TokenCredential = credential;
    }

    /// <summary>Table service endpoint, e.g. <c>https://acct.table.core.windows.net</c> or <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>Queue service endpoint, e.g. <c>https://acct.queue.core.windows.net</c> or <c>http://127.0.0.1:10001/devstoreaccount1</c>.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The account name a connection string names; <c>null</c> for identity-based connections.</summary>
    public string? AccountName { get; }

    /// <summary>How requests are authorized: <c>ConnectionString</c> (account key or SAS) or <c>Token</c> (Microsoft Entra ID).</summary>
    public string AuthenticationKind => TokenCredential is null ? "ConnectionString" : "Token";

    internal TokenCredential? TokenCredential { get; }

    /// <summary>
    /// Parses a storage connection string (account key, SAS, explicit endpoints, <c>UseDevelopmentStorage=true</c>) the
    /// way the SDK does. Throws <see cref="FormatException"/> naming the keys present, never their values.
    /// </summary>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        TableServiceClient tables;
        QueueServiceClient queues;
        try
        {
            tables = new TableServiceClient(connectionString);
            queues = new QueueServiceClient(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            // The SDK's messages can quote parts of the string; keep only the key names.
            throw new FormatException(
                $"Not a usable storage connection string (keys present: {KeyNames(connectionString)}). Expected 'UseDevelopmentStorage=true', " +
                "'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net', or endpoints with a SharedAccessSignature.");
        }

        if (tables.Uri.Scheme is not ("https" or "http"))
        {
            throw new FormatException($"Storage connection string endpoints must be http or https (keys present: {KeyNames(connectionString)}).");
        }

        return new StorageConnection(connectionString, tables, queues);
    }

    /// <summary>Service URIs with a Microsoft Entra credential (managed identity, workload identity, developer sign-in).</summary>
    public static StorageConnection FromServiceUris(Uri tableEndpoint, Uri queueEndpoint, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageConnection(tableEndpoint, queueEndpoint, credential);
    }

    /// <summary>
    /// Reads <paramref name="name"/> (default <c>AzureWebJobsStorage</c>) as a connection string, or else the identity-based
    /// form <c>{name}__accountName</c> / <c>__tableServiceUri</c> / <c>__queueServiceUri</c> / <c>__credential</c> /
    /// <c>__clientId</c>. Throws <see cref="InvalidOperationException"/> naming the keys when nothing usable is configured.
    /// </summary>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string name = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return StorageIdentityConfiguration.Read(configuration, name);
    }

    /// <summary>Creates the SDK's Table service client (build once, reuse: it is thread-safe and pools connections).</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null)
    {
        options ??= new TableClientOptions();
        return _connectionString is not null
            ? new TableServiceClient(_connectionString, options)
            : new TableServiceClient(TableEndpoint, TokenCredential!, options);
    }

    /// <summary>
    /// Creates the SDK's Queue service client with <see cref="QueueMessageEncoding.Base64"/> (set on
    /// <paramref name="options"/> too): the queue trigger expects Base64 by default, so what the app sends it can read.
    /// </summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        options.MessageEncoding = QueueMessageEncoding.Base64;
        return _connectionString is not null
            ? new QueueServiceClient(_connectionString, options)
            : new QueueServiceClient(QueueEndpoint, TokenCredential!, options);
    }

    private static Uri TrimSlash(Uri uri) => new(uri.AbsoluteUri.TrimEnd('/'));

    private static string KeyNames(string connectionString) => string.Join(", ", connectionString
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(part => part.Split('=', 2)[0])
        .Where(key => key.Length is > 0 and <= 40 && key.All(char.IsAsciiLetter)));
}
