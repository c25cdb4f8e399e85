using Azure;
using Azure.Data.Tables;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Security;

namespace OrderTracking.Functions.Storage;

/// <summary>One order an order number may name: its key, the keyed hash of its email, and when the row was written.</summary>
internal sealed record LookupEntry(string OrderKey, string EmailHash, DateTimeOffset? UpdatedAt);

/// <summary>
/// <c>OrderLookup</c> (DESIGN §5): PartitionKey = keyed hash of the normalised order number, RowKey = orderKey,
/// <c>EmailHash</c> = keyed hash of the normalised email (<see cref="LookupHash"/>). Neither the number nor the email
/// is stored. Rows are written under the first read-token key and read under each of them, so a key rotation keeps
/// finding orders indexed before it.
/// </summary>
internal sealed class OrderLookupStore(StorageContext storage)
{
    /// <summary>Orders one number may name (a Shopify <c>#1001</c> and an API order <c>1001</c>, say); more are not read.</summary>
    public const int MaxPerNumber = 20;

    private TableClient Table => storage.Table(TableNames.OrderLookup);

    /// <summary>
    /// The numbers a customer may know the order by: the platform's order number (Shopify <c>#1001</c>) and, except for
    /// Shopify (whose id is internal), the order id itself (PayPal, Stripe, the merchant's own API id). Normalised and distinct.
    /// </summary>
    public static IReadOnlyList<string> NumbersOf(string source, string externalId, string? orderNumber)
    {
        var numbers = new List<string>(2);
        foreach (string? candidate in new[] { orderNumber, source == OrderSources.Shopify ? null : externalId })
        {
            string normalized = LookupHash.NormalizeOrderNumber(candidate);
            if (normalized.Length > 0 && normalized.Length <= LookupHash.MaxInputLength && !numbers.Contains(normalized))
            {
                numbers.Add(normalized);
            }
        }

        return numbers;
    }

    /// <summary>Writes (replaces) the rows that let <paramref name="numbers"/> + <paramref name="email"/> find the order. Idempotent.</summary>
    public async Task IndexAsync(string key, string orderKey, IReadOnlyList<string> numbers, string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string emailHash = LookupHash.Email(key, email);
        foreach (string number in numbers)
        {
            var row = new TableEntity(LookupHash.OrderNumber(key, number), orderKey) { ["EmailHash"] = emailHash, ["UpdatedAt"] = now };
            await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>The orders indexed under one number hash (at most <see cref="MaxPerNumber"/>).</summary>
    public async Task<IReadOnlyList<LookupEntry>> FindAsync(string numberHash, CancellationToken cancellationToken)
    {
        var entries = new List<LookupEntry>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {numberHash}");
        await foreach (TableEntity e in Table.QueryAsync<TableEntity>(filter, maxPerPage: MaxPerNumber, cancellationToken: cancellationToken))
        {
            entries.Add(new LookupEntry(e.RowKey, e.GetString("EmailHash") ?? string.Empty, e.GetDateTimeOffset("UpdatedAt")));
            if (entries.Count == MaxPerNumber)
            {
                break;
            }
        }

        return entries;
    }

    /// <summary>Deletes the order's rows under every key (archiving, erasure). A row already gone is not an error.</summary>
    public async Task RemoveAsync(IReadOnlyList<string> keys, string orderKey, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        foreach (string key in keys)
        {
            foreach (string number in numbers)
            {
                await Table.DeleteEntityAsync(LookupHash.OrderNumber(key, number), orderKey, ETag.All, cancellationToken);
            }
        }
    }
}
