using Azure;
using Azure.Core;

namespace OrderTracking.Azure.Storage;

/// <summary>Entity group transactions (<c>$batch</c>).</summary>
public partial class TableClient
{
    private const int MaxTransactionActions = 100;

    /// <summary>
    /// Runs up to 100 actions on one partition atomically: all succeed or nothing changes. Returns the new ETag of each
    /// action in order (<c>default</c> for deletes). A rejected transaction throws <see cref="TableTransactionFailedException"/>
    /// with the failing action's status, error code and <see cref="TableTransactionFailedException.FailedIndex"/>.
    /// </summary>
    public virtual async Task<IReadOnlyList<ETag>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        List<TableTransactionAction> list = [.. actions];
        List<TableBatchContent.Operation> operations = ValidateTransaction(list);
        string batch = "batch_" + Guid.NewGuid().ToString("D");
        string changeset = "changeset_" + Guid.NewGuid().ToString("D");

        using HttpMessage message = CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batch);
        message.Request.Content = RequestContent.Create(TableBatchContent.Build(batch, changeset, operations));
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        EnsureStatus(response, 202);

        List<TableBatchContent.OperationResult> results = TableBatchContent.Parse(response.Content.ToString());
        if (results.FirstOrDefault(r => r.Status >= 400) is { } failed)
        {
            (string? code, string? detail) = StorageErrors.ParseBody(failed.Body);
            int? index = TableBatchContent.FailedIndex(detail, list.Count);
            string summary = StorageErrors.Describe(failed.Status, "in transaction", code, detail);
            throw new TableTransactionFailedException(failed.Status, summary, code, index, null);
        }

        if (results.Count != list.Count)
        {
            throw new RequestFailedException(response.Status, $"The transaction answer held {results.Count} responses for {list.Count} actions.");
        }

        return [.. results.Select(r => r.ETag is null ? default : new ETag(r.ETag))];
    }

    private List<TableBatchContent.Operation> ValidateTransaction(List<TableTransactionAction> actions)
    {
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxTransactionActions} actions; got {actions.Count}.", nameof(actions));
        }

        string partition = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var operations = new List<TableBatchContent.Operation>(actions.Count);
        foreach (TableTransactionAction action in actions)
        {
            ArgumentNullException.ThrowIfNull(action);
            TableEntity entity = action.Entity;
            if (action.ActionType == TableTransactionActionType.Delete)
            {
                TableEntityValidator.ValidateKey(entity.PartitionKey, TableEntity.PartitionKeyName);
                TableEntityValidator.ValidateKey(entity.RowKey, TableEntity.RowKeyName);
            }
            else
            {
                TableEntityValidator.Validate(entity);
            }

            if (!string.Equals(entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException("All actions of a transaction must share one PartitionKey.", nameof(actions));
            }

            if (!rows.Add(entity.RowKey))
            {
                throw new ArgumentException($"RowKey '{entity.RowKey}' appears twice; a transaction may touch an entity only once.", nameof(actions));
            }

            operations.Add(ToOperation(action));
        }

        return operations;
    }

    private TableBatchContent.Operation ToOperation(TableTransactionAction action)
    {
        TableEntity entity = action.Entity;
        ETag etag = action.ETag != default ? action.ETag : entity.ETag;
        string ifMatch = etag == default ? "*" : etag.ToString();
        string entityUri = EntityUri(entity.PartitionKey, entity.RowKey);
        return action.ActionType switch
        {
            TableTransactionActionType.Add => new("POST", _serviceEndpoint!.AbsoluteUri + "/" + Name, null, TableEntityJson.Serialize(entity)),
            TableTransactionActionType.UpdateMerge => new("MERGE", entityUri, ifMatch, TableEntityJson.Serialize(entity)),
            TableTransactionActionType.UpdateReplace => new("PUT", entityUri, ifMatch, TableEntityJson.Serialize(entity)),
            TableTransactionActionType.Delete => new("DELETE", entityUri, ifMatch, null),
            TableTransactionActionType.UpsertMerge => new("MERGE", entityUri, null, TableEntityJson.Serialize(entity)),
            TableTransactionActionType.UpsertReplace => new("PUT", entityUri, null, TableEntityJson.Serialize(entity)),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown action type."),
        };
    }
}
