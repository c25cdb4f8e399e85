using Azure;
using Azure.Data.Tables;

namespace OrderTracking.Testing;

/// <summary>Short forms of the SDK calls tests repeat.</summary>
public static class StorageTestExtensions
{
    /// <summary>The entity, or <c>null</c> when it does not exist.</summary>
    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(table);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey);
        return response.HasValue ? response.Value : null;
    }
}
