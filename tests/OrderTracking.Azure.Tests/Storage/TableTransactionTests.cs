using Azure;
using OrderTracking.Azure.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableTransactionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SubmitTransactionAsync_AllActionTypes_AppliesAllAndReturnsETags()
    {
        TableClient table = await azurite.CreateTableAsync();
        ETag toUpdate = await table.AddEntityAsync(new TableEntity("p", "update") { ["A"] = "a", ["B"] = "b" });
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = "a", ["B"] = "b" });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        await table.AddEntityAsync(new TableEntity("p", "upsert") { ["A"] = "a" });

        IReadOnlyList<ETag> etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["A"] = "new" }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "update") { ["B"] = "b2" }, toUpdate),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["B"] = "b2" }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert") { ["B"] = "b" }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "fresh") { ["C"] = "c" }),
        ]);

        Assert.Equal(6, etags.Count);
        Assert.Equal("new", (await table.GetEntityAsync("p", "add"))!.GetString("A"));
        TableEntity updated = (await table.GetEntityAsync("p", "update"))!;
        Assert.Equal(("a", "b2"), (updated.GetString("A"), updated.GetString("B")));
        Assert.Equal(etags[1], updated.ETag);
        Assert.Null((await table.GetEntityAsync("p", "replace"))!.GetString("A"));
        Assert.Null(await table.GetEntityAsync("p", "delete"));
        Assert.Equal("a", (await table.GetEntityAsync("p", "upsert"))!.GetString("A"));
        Assert.Equal("c", (await table.GetEntityAsync("p", "fresh"))!.GetString("C"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_OneActionFails_ChangesNothing()
    {
        TableClient table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "exists") { ["V"] = "original" });
        await table.AddEntityAsync(new TableEntity("p", "keep"));
        await table.AddEntityAsync(new TableEntity("p", "conflict"));

        TableTransactionFailedException error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new1")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "exists") { ["V"] = "changed" }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "keep")),
            new(TableTransactionActionType.Add, new TableEntity("p", "conflict")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(3, error.FailedIndex);
        Assert.Null(await table.GetEntityAsync("p", "new1"));
        Assert.Equal("original", (await table.GetEntityAsync("p", "exists"))!.GetString("V"));
        Assert.NotNull(await table.GetEntityAsync("p", "keep"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_FailsWith412()
    {
        TableClient table = await azurite.CreateTableAsync();
        ETag stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 2 });

        TableTransactionFailedException error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "r") { ["V"] = 3 }, stale),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Equal(0, error.FailedIndex);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredActions_Succeeds()
    {
        TableClient table = await azurite.CreateTableAsync();

        IReadOnlyList<ETag> etags = await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}"))).ToList());

        Assert.Equal(100, etags.Count);
        Assert.All(etags, e => Assert.NotEqual(default, e));
    }

    [Fact]
    public async Task SubmitTransactionAsync_InvalidShape_ThrowsBeforeSending()
    {
        TableClient table = azurite.TableServiceClient.GetTableClient(StorageTestNames.NewTableName("never"));

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 101)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}"))).ToList()));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, new TableEntity("p1", "r")), new(TableTransactionActionType.Add, new TableEntity("p2", "r"))]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, new TableEntity("p", "r")), new(TableTransactionActionType.Delete, new TableEntity("p", "r"))]));
    }
}
