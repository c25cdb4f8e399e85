using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// Where the storage account is and how to authenticate: Shared Key, SAS, or an Azure AD token credential.
/// Built from <c>AzureWebJobsStorage</c> in any form the Functions host accepts; creates the service clients.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>OAuth scope for Azure Storage data-plane tokens.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private readonly StorageSharedKeyCredential? _sharedKey;
    private readonly string? _sas;
    private readonly TokenCredential? _tokenCredential;

    internal StorageConnection(Uri tableEndpoint, Uri queueEndpoint, StorageSharedKeyCredential sharedKey)
        : this(tableEndpoint, queueEndpoint) => _sharedKey = sharedKey;

    internal StorageConnection(Uri tableEndpoint, Uri queueEndpoint, string sas)
        : this(tableEndpoint, queueEndpoint) => _sas = sas.TrimStart('?');

    internal StorageConnection(Uri tableEndpoint, Uri queueEndpoint, TokenCredential tokenCredential)
        : this(tableEndpoint, queueEndpoint) => _tokenCredential = tokenCredential;

    private StorageConnection(Uri tableEndpoint, Uri queueEndpoint)
    {
        TableEndpoint = tableEndpoint;
        QueueEndpoint = queueEndpoint;
    }

    /// <summary>Table service endpoint, e.g. <c>https://acct.table.core.windows.net</c> or <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>Queue service endpoint, e.g. <c>https://acct.queue.core.windows.net</c> or <c>http://127.0.0.1:10001/devstoreaccount1</c>.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The account name when Shared Key is used; otherwise <c>null</c>.</summary>
    public string? AccountName => _sharedKey?.AccountName;

    /// <summary>How requests are authorized: <c>SharedKey</c>, <c>SharedAccessSignature</c> or <c>Token</c>.</summary>
    public string AuthenticationKind => _sharedKey is not null ? "SharedKey" : _sas is not null ? "SharedAccessSignature" : "Token";

    internal TokenCredential? TokenCredential => _tokenCredential;

    /// <summary>
    /// Parses <c>UseDevelopmentStorage=true</c>, account-key connection strings (<c>AccountName</c>, <c>AccountKey</c>,
    /// <c>DefaultEndpointsProtocol</c>, <c>EndpointSuffix</c>, explicit <c>TableEndpoint</c>/<c>QueueEndpoint</c>) and SAS
    /// connection strings (<c>SharedAccessSignature</c>). Throws <see cref="FormatException"/> (without echoing secrets).
    /// </summary>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return StorageConnectionStringParser.Parse(connectionString);
    }

    /// <summary>Service URIs with an Azure AD credential (managed identity, workload identity, developer sign-in).</summary>
    public static StorageConnection FromServiceUris(Uri tableEndpoint, Uri queueEndpoint, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageConnection(TrimSlash(tableEndpoint), TrimSlash(queueEndpoint), credential);
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

    /// <summary>Creates a Table service client with its own pipeline (build once, reuse; it is thread-safe).</summary>
    public TableServiceClient CreateTableServiceClient(StorageClientOptions? options = null)
    {
        options ??= new StorageClientOptions();
        return new TableServiceClient(TableEndpoint, CreatePipeline(options, table: true));
    }

    /// <summary>Creates a Queue service client with its own pipeline (build once, reuse; it is thread-safe).</summary>
    public QueueServiceClient CreateQueueServiceClient(StorageClientOptions? options = null)
    {
        options ??= new StorageClientOptions();
        return new QueueServiceClient(QueueEndpoint, CreatePipeline(options, table: false));
    }

    private static Uri TrimSlash(Uri uri) => new(uri.AbsoluteUri.TrimEnd('/'));

    private HttpPipeline CreatePipeline(StorageClientOptions options, bool table)
    {
        List<HttpPipelinePolicy> perCall = [new StorageVersionPolicy(options.ServiceVersion)];
        if (_sas is not null)
        {
            perCall.Add(new StorageSasPolicy(_sas));
        }

        HttpPipelinePolicy[] perRetry = (_sharedKey, _tokenCredential) switch
        {
            ({ } key, _) when table => [new TableSharedKeyPolicy(key, options.TimeProvider)],
            ({ } key, _) => [new QueueSharedKeyPolicy(key, options.TimeProvider)],
            (null, { } token) => [new BearerTokenAuthenticationPolicy(token, StorageScope)],
            _ => [],
        };
        return HttpPipelineBuilder.Build(options, [.. perCall], perRetry, new ResponseClassifier());
    }
}
