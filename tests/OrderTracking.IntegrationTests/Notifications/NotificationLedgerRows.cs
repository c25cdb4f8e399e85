using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>Reads the <c>Notifications</c> ledger (DESIGN §5: orderKey / <c>{carrier}|{trackingNumber}|{milestone}</c>).</summary>
internal static class NotificationLedgerRows
{
    /// <summary>The order's ledger rows; an absent table reads as none.</summary>
    public static async Task<IReadOnlyList<TableEntity>> ForOrderAsync(TableServiceClient tables, string orderKey)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (TableEntity row in tables.GetTableClient("Notifications").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {orderKey}")))
            {
                rows.Add(row);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        return rows;
    }

    /// <summary>RowKey → State, for compact assertions.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> StatesAsync(TableServiceClient tables, string orderKey) =>
        (await ForOrderAsync(tables, orderKey)).ToDictionary(r => r.RowKey, string? (r) => r.GetString("State"), StringComparer.Ordinal);
}
