using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// One table over the Table REST API with OData JSON (mirrors <c>Azure.Data.Tables.TableClient</c>). Entities are validated
/// before sending (<see cref="TableEntityValidationException"/>); failures throw <see cref="RequestFailedException"/>
/// (<see cref="EntityAlreadyExistsException"/> on 409, <see cref="PreconditionFailedException"/> on 412).
/// </summary>
public partial class TableClient
{
    private const string JsonAccept = "application/json;odata=minimalmetadata";

    private readonly Uri? _serviceEndpoint;
    private readonly HttpPipeline? _pipeline;

    internal TableClient(Uri serviceEndpoint, string tableName, HttpPipeline pipeline)
    {
        Name = tableName;
        _serviceEndpoint = new Uri(serviceEndpoint.AbsoluteUri.TrimEnd('/'));
        _pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
        Name = string.Empty;
    }

    /// <summary>The table name.</summary>
    public virtual string Name { get; }

    /// <summary>
    /// Formats an interpolated filter with each hole as an OData literal: strings quoted with <c>''</c> escaping,
    /// <c>datetime'…'</c>, <c>guid'…'</c>, <c>123L</c> for long, <c>true</c>/<c>false</c>, doubles, <c>X'…'</c> for binary.
    /// </summary>
    public static string CreateQueryFilter(FormattableString filter) => TableQueryFilter.Create(filter);

    /// <summary>Creates the table; succeeds when it already exists.</summary>
    public virtual async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (201 or 204 or 409))
        {
            throw StorageErrors.Create(response);
        }
    }

    /// <summary>Deletes the table; succeeds when it does not exist.</summary>
    public virtual async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Delete, $"/Tables('{Name}')");
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (204 or 404))
        {
            throw StorageErrors.Create(response);
        }
    }

    /// <summary>Reads one entity, optionally only the <paramref name="select"/>ed properties; <c>null</c> when it does not exist (404).</summary>
    public virtual async Task<TableEntity?> GetEntityAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.ValidateKey(partitionKey, nameof(partitionKey));
        TableEntityValidator.ValidateKey(rowKey, nameof(rowKey));
        using HttpMessage message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        AppendSelect(message, select);
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        EnsureStatus(response, 200);
        using JsonDocument json = JsonDocument.Parse(response.Content.ToMemory());
        TableEntity entity = TableEntityJson.Read(json.RootElement);
        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return entity;
    }

    /// <summary>Inserts an entity; throws <see cref="EntityAlreadyExistsException"/> when it exists.</summary>
    public virtual async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.Validate(entity);
        using HttpMessage message = CreateMessage(RequestMethod.Post, "/" + Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message, TableEntityJson.Serialize(entity));
        return await SendForETagAsync(message, 204, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts, or merges into / replaces an existing entity, without concurrency checks.</summary>
    public virtual async Task<ETag> UpsertEntityAsync(
        TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.Validate(entity);
        using HttpMessage message = CreateMessage(Verb(mode), EntityPath(entity.PartitionKey, entity.RowKey));
        SetJson(message, TableEntityJson.Serialize(entity));
        return await SendForETagAsync(message, 204, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Updates an existing entity if its ETag still equals <paramref name="ifMatch"/> (<see cref="ETag.All"/>: unconditionally;
    /// <c>default</c>: the entity's own ETag). Throws <see cref="PreconditionFailedException"/> on a stale ETag,
    /// <see cref="RequestFailedException"/> 404 when the entity does not exist.
    /// </summary>
    public virtual async Task<ETag> UpdateEntityAsync(
        TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.Validate(entity);
        ETag condition = ifMatch == default ? entity.ETag : ifMatch;
        if (condition == default)
        {
            throw new ArgumentException("UpdateEntityAsync needs an ETag: pass the one read with the entity, or ETag.All.", nameof(ifMatch));
        }

        using HttpMessage message = CreateMessage(Verb(mode), EntityPath(entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue("If-Match", condition.ToString());
        SetJson(message, TableEntityJson.Serialize(entity));
        return await SendForETagAsync(message, 204, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes an entity if its ETag equals <paramref name="ifMatch"/> (<c>default</c> = <see cref="ETag.All"/>).
    /// A missing entity is not an error; a stale ETag throws <see cref="PreconditionFailedException"/>.
    /// </summary>
    public virtual async Task DeleteEntityAsync(
        string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.ValidateKey(partitionKey, nameof(partitionKey));
        TableEntityValidator.ValidateKey(rowKey, nameof(rowKey));
        using HttpMessage message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (204 or 404))
        {
            throw StorageErrors.Create(response);
        }
    }

    /// <summary>
    /// Enumerates every entity matching <paramref name="filter"/> (OData <c>$filter</c>; see <see cref="CreateQueryFilter"/>),
    /// following continuation tokens across pages of at most <paramref name="maxPerPage"/> (<c>$top</c>, service maximum 1,000).
    /// </summary>
    public virtual async IAsyncEnumerable<TableEntity> QueryAsync(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string[]? columns = select?.ToArray();
        string? token = null;
        do
        {
            TableQueryPage page = await QueryPageAsync(filter, maxPerPage, columns, token, cancellationToken).ConfigureAwait(false);
            foreach (TableEntity entity in page.Values)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>Reads one page of a query (at most <paramref name="maxPerPage"/> entities), starting at <paramref name="continuationToken"/>.</summary>
    public virtual async Task<TableQueryPage> QueryPageAsync(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, string? continuationToken = null,
        CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Get, $"/{Name}()");
        AppendQueryOptions(message, filter, maxPerPage, continuationToken);
        AppendSelect(message, select);
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        EnsureStatus(response, 200);
        using JsonDocument json = JsonDocument.Parse(response.Content.ToMemory());
        List<TableEntity> values = [.. json.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Read)];
        return new TableQueryPage(values, NextToken(response));
    }
}
