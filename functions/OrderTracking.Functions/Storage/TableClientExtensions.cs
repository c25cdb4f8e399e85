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

    /// <summary>The write's If-Match ETag no longer matched: another writer got there first.</summary>
    public static bool IsPreconditionFailed(RequestFailedException ex) => ex.Status == 412;

    private static bool IsConflict(RequestFailedException ex) =>
        ex.Status == 409 && (ex.ErrorCode is null || ex.ErrorCode == TableErrorCode.EntityAlreadyExists);
}
