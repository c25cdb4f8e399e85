using Azure;
using Azure.Data.Tables;

namespace OrderTracking.Functions.Storage;

/// <summary>The <c>Orders</c> and <c>ShipmentIndex</c> tables.</summary>
internal sealed class OrderStore(StorageContext storage)
{
    private TableClient Orders => storage.Table(TableNames.Orders);

    private const int MaxMergeAttempts = 8;

    private TableClient Index => storage.Table(TableNames.ShipmentIndex);

    public async Task<OrderRecord?> GetOrderAsync(string orderKey, CancellationToken cancellationToken)
    {
        TableEntity? e = await Orders.FindAsync(orderKey, ShipmentRows.OrderRowKey, select: null, cancellationToken);
        return e is null ? null : OrderEntityMapper.ToOrder(e);
    }

    /// <summary>Merge-upserts the order row: fields absent from <paramref name="order"/> keep their stored value.</summary>
    public Task UpsertOrderAsync(OrderRecord order, CancellationToken cancellationToken) =>
        Orders.UpsertEntityAsync(OrderEntityMapper.ToEntity(order), TableUpdateMode.Merge, cancellationToken);

    /// <summary>
    /// Read-modify-write of the order row under its ETag: <paramref name="merge"/> gets the stored row (or null) and
    /// returns the row to write (merge mode: null fields keep their stored value). Another writer in between (412 on
    /// update, 409 on the first add) makes it read and merge again, so two events never lose each other's fields.
    /// </summary>
    /// <remarks>
    /// <paramref name="beforeCreate"/> runs before the row is first added (with the row to add), so work that must
    /// happen once per new order (its confirmation email) is done before the row exists: a crash in between leaves no
    /// row, and the retry runs it again (its consumer is idempotent).
    /// </remarks>
    public async Task<OrderRecord> MergeOrderAsync(
        string orderKey, Func<OrderRecord?, OrderRecord> merge, CancellationToken cancellationToken, Func<OrderRecord, Task>? beforeCreate = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            OrderRecord? stored = await GetOrderAsync(orderKey, cancellationToken);
            OrderRecord next = merge(stored);
            if (stored is null)
            {
                if (beforeCreate is not null)
                {
                    await beforeCreate(next);
                }

                if (await Orders.TryAddAsync(OrderEntityMapper.ToEntity(next), cancellationToken))
                {
                    return next;
                }

                continue; // someone created it first: merge into theirs
            }

            try
            {
                Response response = await Orders.UpdateEntityAsync(OrderEntityMapper.ToEntity(next), stored.ETag, TableUpdateMode.Merge, cancellationToken);
                return next with { ETag = response.Headers.ETag ?? default };
            }
            catch (RequestFailedException ex) when (TableClientExtensions.IsPreconditionFailed(ex) && attempt < MaxMergeAttempts)
            {
                // Changed since we read it: read again.
            }
        }
    }

    /// <summary>The order row and its shipment rows in one partition query (the read API's one round trip).</summary>
    public async Task<(OrderRecord? Order, IReadOnlyList<ShipmentRecord> Shipments)> GetOrderAndShipmentsAsync(string orderKey, CancellationToken cancellationToken)
    {
        OrderRecord? order = null;
        var shipments = new List<ShipmentRecord>();
        await foreach (TableEntity e in Orders.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {orderKey}"), cancellationToken: cancellationToken))
        {
            if (e.RowKey == ShipmentRows.OrderRowKey)
            {
                order = OrderEntityMapper.ToOrder(e);
            }
            else if (e.RowKey.StartsWith(ShipmentRows.ShipmentPrefix, StringComparison.Ordinal))
            {
                shipments.Add(OrderEntityMapper.ToShipment(e));
            }
        }

        return (order, shipments);
    }

    public async Task<IReadOnlyList<ShipmentRecord>> GetShipmentsAsync(string orderKey, CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {orderKey} and RowKey ge {ShipmentRows.ShipmentPrefix} and RowKey lt {"shipment}"}");
        var list = new List<ShipmentRecord>();
        await foreach (TableEntity e in Orders.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(OrderEntityMapper.ToShipment(e));
        }

        return list;
    }

    public async Task<ShipmentRecord?> GetShipmentAsync(string orderKey, string carrier, string trackingNumber, CancellationToken cancellationToken)
    {
        TableEntity? e = await Orders.FindAsync(orderKey, ShipmentRows.RowKey(carrier, trackingNumber), select: null, cancellationToken);
        return e is null ? null : OrderEntityMapper.ToShipment(e);
    }

    /// <summary>Adds a new shipment row; false when it already exists.</summary>
    public Task<bool> TryAddShipmentAsync(ShipmentRecord shipment, CancellationToken cancellationToken) =>
        Orders.TryAddAsync(OrderEntityMapper.ToEntity(shipment), cancellationToken);

    /// <summary>Replaces the shipment row if its ETag still matches; throws a 412 <see cref="RequestFailedException"/> otherwise.</summary>
    public async Task<ShipmentRecord> UpdateShipmentAsync(ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        Response response = await Orders.UpdateEntityAsync(
            OrderEntityMapper.ToEntity(shipment), shipment.ETag, TableUpdateMode.Replace, cancellationToken);
        return shipment with { ETag = response.Headers.ETag ?? throw new InvalidOperationException("Table update answered without an ETag.") };
    }

    public Task IndexShipmentAsync(string carrier, string trackingNumber, string orderKey, CancellationToken cancellationToken) =>
        Index.UpsertEntityAsync(
            new TableEntity(ShipmentRows.IndexPartition(carrier, trackingNumber), orderKey), TableUpdateMode.Merge, cancellationToken);

    public async Task<IReadOnlyList<string>> GetOrderKeysAsync(string carrier, string trackingNumber, CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {ShipmentRows.IndexPartition(carrier, trackingNumber)}");
        var keys = new List<string>();
        await foreach (TableEntity e in Index.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(e.RowKey);
        }

        return keys;
    }

    public Task UnindexShipmentAsync(string carrier, string trackingNumber, string orderKey, CancellationToken cancellationToken) =>
        Index.DeleteEntityAsync(ShipmentRows.IndexPartition(carrier, trackingNumber), orderKey, ETag.All, cancellationToken);

    /// <summary>Deletes the shipment row (any ETag); a row already gone is not an error.</summary>
    public Task DeleteShipmentAsync(ShipmentRecord shipment, CancellationToken cancellationToken) =>
        Orders.DeleteEntityAsync(shipment.OrderKey, shipment.RowKey, ETag.All, cancellationToken);
}
