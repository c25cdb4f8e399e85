using Azure;
using Azure.Data.Tables;

namespace OrderTracking.Functions.Storage;

/// <summary>One <c>Expiries</c> row: the order is to be considered for archiving at <see cref="At"/>.</summary>
internal sealed record Expiry(string PartitionKey, string RowKey, string OrderKey, DateTimeOffset At);

/// <summary>
/// <c>Expiries</c> (<c>{yyyyMMddHH}</c> of the time, UTC / <c>{utcTicks:D19}|{orderKey}</c>, <see cref="DueRows"/>): the
/// index of orders whose retention may be over. Written when a shipment reaches a terminal status (and when one is
/// cancelled), for that time plus <c>Retention:FinishedAfter</c>. A hint, like <see cref="DelayCheckStore"/>: the
/// archiver re-reads the order and re-decides.
/// </summary>
internal sealed class ExpiryStore(StorageContext storage)
{
    private TableClient Table => storage.Table(TableNames.Expiries);

    public Task UpsertAsync(string orderKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        TableEntity e = DueRows.Entity(at, orderKey);
        e["OrderKey"] = orderKey;
        return Table.UpsertEntityAsync(e, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<Expiry>> GetDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
    [
        .. (await DueRows.GetDueAsync(Table, now, max, cancellationToken))
            .Select(e => new Expiry(e.PartitionKey, e.RowKey, e.GetString("OrderKey") ?? string.Empty, e.GetDateTimeOffset("At") ?? now)),
    ];

    public Task DeleteAsync(Expiry row, CancellationToken cancellationToken) =>
        Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
}
