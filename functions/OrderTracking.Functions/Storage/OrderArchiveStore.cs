using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace OrderTracking.Functions.Storage;

/// <summary>
/// <c>OrderArchive</c> (orderKey / <c>order</c>): what is left of an order after its retention. The read API's answer
/// (tracking facts only: no name, email, address or phone), its source and when it finished and was archived. The JSON
/// is split over properties of at most 30,000 characters (a string property holds 64 KiB of UTF-16).
/// </summary>
internal sealed class OrderArchiveStore(StorageContext storage)
{
    public const string RowKey = "order";
    private const int ChunkChars = 30_000;

    private TableClient Table => storage.Table(TableNames.OrderArchive);

    public Task SaveAsync(string orderKey, string source, string responseJson, DateTimeOffset finishedAt, DateTimeOffset archivedAt, CancellationToken cancellationToken)
    {
        var e = new TableEntity(orderKey, RowKey) { ["Source"] = source, ["FinishedAt"] = finishedAt, ["ArchivedAt"] = archivedAt };
        string[] chunks = [.. responseJson.Chunk(ChunkChars).Select(c => new string(c))];
        e["Chunks"] = chunks.Length;
        for (int i = 0; i < chunks.Length; i++)
        {
            e["Response" + i.ToString(CultureInfo.InvariantCulture)] = chunks[i];
        }

        return Table.UpsertEntityAsync(e, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The archived read-API answer (JSON), or null when the order is not archived.</summary>
    public async Task<string?> GetResponseJsonAsync(string orderKey, CancellationToken cancellationToken)
    {
        TableEntity? e = await Table.FindAsync(orderKey, RowKey, select: null, cancellationToken);
        if (e is null)
        {
            return null;
        }

        var json = new StringBuilder();
        int chunks = e.GetInt32("Chunks") ?? 0;
        for (int i = 0; i < chunks; i++)
        {
            json.Append(e.GetString("Response" + i.ToString(CultureInfo.InvariantCulture)));
        }

        return json.ToString();
    }

    public async Task<bool> IsArchivedAsync(string orderKey, CancellationToken cancellationToken) =>
        await Table.FindAsync(orderKey, RowKey, ["PartitionKey"], cancellationToken) is not null;
}
