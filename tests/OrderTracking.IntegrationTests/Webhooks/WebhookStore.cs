using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Webhooks;

/// <summary>Direct reads of what the app stored, for "nothing was stored" and "exactly this was stored" checks.</summary>
internal static class WebhookStore
{
    public static async Task<List<TableEntity>> QueryAsync(FunctionAppFixture app, string table, string filter)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (TableEntity e in app.Tables.GetTableClient(table).QueryAsync<TableEntity>(filter))
            {
                rows.Add(e);
            }
        }
        catch (global::Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Table not created yet: nothing stored.
        }

        return rows;
    }

    public static async Task<TableEntity?> OrderRowAsync(FunctionAppFixture app, string orderKey) =>
        (await QueryAsync(app, "Orders", $"PartitionKey eq '{orderKey}' and RowKey eq 'order'")).SingleOrDefault();

    public static async Task<TableEntity?> ShipmentRowAsync(FunctionAppFixture app, string orderKey, string carrier, string trackingNumber) =>
        (await QueryAsync(app, "Orders", $"PartitionKey eq '{orderKey}' and RowKey eq 'shipment|{carrier}|{trackingNumber}'")).SingleOrDefault();

    /// <summary>Messages in <c>inbound-events-poison</c>: a bad input that got enqueued would end there.</summary>
    public static async Task<int> PoisonCountAsync(FunctionAppFixture app) =>
        (await app.Queues.GetQueueClient("inbound-events-poison").ExistsAndPeekAsync()).Count;
}
