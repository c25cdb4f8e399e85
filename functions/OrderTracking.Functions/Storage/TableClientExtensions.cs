using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;

namespace OrderTracking.Functions.Storage;

/// <summary>The few table idioms the stores share, on top of the SDK.</summary>
internal static class TableClientExtensions
{
    /// <summary>The entity, or <c>null</c> when it does not exist (a 404 is an answer here, not an error).</summary>
    public static async Task<TableEntity?> FindAsync(
        this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Adds the entity; <c>false</c> when a row with its keys already exists (409 EntityAlreadyExists).</summary>
    public static async Task<bool> TryAddAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (IsConflict(ex))
        {
            return false;
        }
    }

    /// <summary>The row keys of one partition (keys only), in row key order.</summary>
    public static async Task<IReadOnlyList<string>> RowKeysAsync(this TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(e.RowKey);
        }

        return keys;
    }

    /// <summary>
    /// Deletes rows of one partition, 100 per entity group transaction (the limit). A batch that finds a row already
    /// gone (another instance got there first: 404 fails the whole batch) is deleted row by row, where a missing row is
    /// no error. Returns the rows asked for.
    /// </summary>
    public static async Task<int> DeleteRowsAsync(this TableClient table, string partitionKey, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        int count = 0;
        foreach (string[] chunk in rowKeys.Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rk), ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                foreach (string rk in chunk)
                {
                    await table.DeleteEntityAsync(partitionKey, rk, ETag.All, cancellationToken);
                }
            }

            count += chunk.Length;
        }

        return count;
    }

    /// <summary>The write's If-Match ETag no longer matched: another writer got there first.</summary>
    public static bool IsPreconditionFailed(RequestFailedException ex) => ex.Status == 412;

    private static bool IsConflict(RequestFailedException ex) =>
        ex.Status == 409 && (ex.ErrorCode is null || ex.ErrorCode == TableErrorCode.EntityAlreadyExists);
}
