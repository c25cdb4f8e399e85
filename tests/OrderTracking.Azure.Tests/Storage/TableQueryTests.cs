using OrderTracking.Azure.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableQueryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task QueryAsync_MoreThanOnePage_ReturnsEveryEntityExactlyOnce()
    {
        TableClient table = await azurite.CreateTableAsync();
        const int count = 1_250;
        var inserts = new List<Task>();
        for (int batch = 0; batch < count / 50; batch++)
        {
            string partition = $"p{batch % 5}";
            inserts.Add(table.SubmitTransactionAsync(Enumerable.Range(0, 50).Select(i => new TableTransactionAction(
                TableTransactionActionType.Add, new TableEntity(partition, $"{batch:D3}-{i:D2}") { ["N"] = (batch * 50) + i })).ToList()));
        }

        await Task.WhenAll(inserts);
        var seen = new List<int>();
        await foreach (TableEntity entity in table.QueryAsync())
        {
            seen.Add(entity.GetInt32("N")!.Value);
        }

        Assert.Equal(count, seen.Count);
        Assert.Equal(Enumerable.Range(0, count), seen.Order());
    }

    [Fact]
    public async Task QueryPageAsync_WithTop_ReturnsPageAndContinuationThatResumes()
    {
        TableClient table = await azurite.CreateTableAsync();
        await table.SubmitTransactionAsync(Enumerable.Range(0, 12).Select(i =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D2}"))).ToList());

        TableQueryPage first = await table.QueryPageAsync(maxPerPage: 5);
        TableQueryPage second = await table.QueryPageAsync(maxPerPage: 5, continuationToken: first.ContinuationToken);
        var all = new List<string>();
        await foreach (TableEntity e in table.QueryAsync(maxPerPage: 5))
        {
            all.Add(e.RowKey);
        }

        Assert.Equal(["r00", "r01", "r02", "r03", "r04"], first.Values.Select(e => e.RowKey));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["r05", "r06", "r07", "r08", "r09"], second.Values.Select(e => e.RowKey));
        Assert.Equal(12, all.Count);
    }

    [Fact]
    public async Task QueryAsync_FilterAndSelect_ReturnsMatchingEntitiesWithSelectedProperties()
    {
        TableClient table = await azurite.CreateTableAsync();
        var due = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 6; i++)
        {
            await table.AddEntityAsync(new TableEntity("ups|00", $"{i}") { ["Due"] = due.AddHours(i), ["Name"] = $"O'Brien {i}", ["Extra"] = "x" });
        }

        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {"ups|00"} and Due lt {due.AddHours(3)} and Name ne {"O'Brien 0"}");
        List<TableEntity> results = [];
        await foreach (TableEntity e in table.QueryAsync(filter, select: ["Name"]))
        {
            results.Add(e);
        }

        Assert.Equal(["O'Brien 1", "O'Brien 2"], results.Select(e => e.GetString("Name")));
        Assert.All(results, e => Assert.False(e.ContainsKey("Extra")));
    }

    [Fact]
    public async Task QueryAsync_TypedFilters_MatchLongGuidAndBool()
    {
        TableClient table = await azurite.CreateTableAsync();
        var id = Guid.NewGuid();
        await table.AddEntityAsync(new TableEntity("p", "a") { ["Big"] = 10_000_000_000L, ["Id"] = id, ["On"] = true });
        await table.AddEntityAsync(new TableEntity("p", "b") { ["Big"] = 1L, ["Id"] = Guid.NewGuid(), ["On"] = false });

        var rows = new List<string>();
        await foreach (TableEntity e in table.QueryAsync(TableClient.CreateQueryFilter($"Big gt {5_000_000_000L} and Id eq {id} and On eq {true}")))
        {
            rows.Add(e.RowKey);
        }

        Assert.Equal(["a"], rows);
    }
}
