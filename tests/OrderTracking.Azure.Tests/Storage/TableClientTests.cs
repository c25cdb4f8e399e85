using Azure;
using OrderTracking.Azure.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableClientTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddEntityAsync_ThenGet_ReturnsEntityWithETagAndTimestamp()
    {
        TableClient table = await azurite.CreateTableAsync();
        var entity = new TableEntity("shopify:450789469", "order") { ["Email"] = "ana@example.com" };

        ETag etag = await table.AddEntityAsync(entity);
        TableEntity? read = await table.GetEntityAsync("shopify:450789469", "order");

        Assert.NotNull(read);
        Assert.Equal("ana@example.com", read.GetString("Email"));
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task GetEntityAsync_Missing_ReturnsNull()
    {
        TableClient table = await azurite.CreateTableAsync();

        Assert.Null(await table.GetEntityAsync("nope", "nope"));
    }

    [Fact]
    public async Task AddEntityAsync_Exists_ThrowsEntityAlreadyExists()
    {
        TableClient table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        EntityAlreadyExistsException error = await Assert.ThrowsAsync<EntityAlreadyExistsException>(
            () => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_ThrowsPreconditionFailedAndKeepsNewerValue()
    {
        TableClient table = await azurite.CreateTableAsync();
        ETag original = await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        ETag updated = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }, original);

        PreconditionFailedException error = await Assert.ThrowsAsync<PreconditionFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 3 }, original));

        Assert.Equal(412, error.Status);
        Assert.NotEqual(original, updated);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r"))!.GetInt32("N"));
    }

    [Fact]
    public async Task UpdateEntityAsync_Missing_Throws404()
    {
        TableClient table = await azurite.CreateTableAsync();

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r"), ETag.All));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_ThrowsAndCurrentETag_Deletes()
    {
        TableClient table = await azurite.CreateTableAsync();
        ETag first = await table.AddEntityAsync(new TableEntity("p", "r"));
        ETag second = await table.UpsertEntityAsync(new TableEntity("p", "r") { ["X"] = "y" });

        await Assert.ThrowsAsync<PreconditionFailedException>(() => table.DeleteEntityAsync("p", "r", first));
        await table.DeleteEntityAsync("p", "r", second);

        Assert.Null(await table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task DeleteEntityAsync_Missing_IsNoOp()
    {
        TableClient table = await azurite.CreateTableAsync();

        await table.DeleteEntityAsync("p", "missing");

        Assert.Null(await table.GetEntityAsync("p", "missing"));
    }

    [Fact]
    public async Task UpsertEntityAsync_Merge_KeepsOtherPropertiesAndReplace_DropsThem()
    {
        TableClient table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = "a", ["B"] = "b" });
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = "a", ["B"] = "b" });

        await table.UpsertEntityAsync(new TableEntity("p", "merge") { ["B"] = "b2" }, TableUpdateMode.Merge);
        await table.UpsertEntityAsync(new TableEntity("p", "replace") { ["B"] = "b2" }, TableUpdateMode.Replace);
        TableEntity merged = (await table.GetEntityAsync("p", "merge"))!;
        TableEntity replaced = (await table.GetEntityAsync("p", "replace"))!;

        Assert.Equal(("a", "b2"), (merged.GetString("A"), merged.GetString("B")));
        Assert.Equal((null, "b2"), (replaced.GetString("A"), replaced.GetString("B")));
    }

    [Fact]
    public async Task UpsertEntityAsync_Missing_Inserts()
    {
        TableClient table = await azurite.CreateTableAsync();

        await table.UpsertEntityAsync(new TableEntity("p", "new") { ["A"] = 1 }, TableUpdateMode.Replace);

        Assert.Equal(1, (await table.GetEntityAsync("p", "new"))!.GetInt32("A"));
    }

    [Fact]
    public async Task AddEntityAsync_TypedValues_RoundTrip()
    {
        TableClient table = await azurite.CreateTableAsync();
        var when = new DateTimeOffset(2026, 11, 22, 5, 10, 0, 123, TimeSpan.FromHours(-5)).AddTicks(4567);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "typed")
        {
            ["S"] = "text 'quoted' ñ",
            ["I32"] = int.MinValue,
            ["I64"] = 637_000_000_000_000_000L,
            ["Small64"] = 5L,
            ["D"] = 1.0,
            ["Frac"] = 0.1,
            ["B"] = true,
            ["When"] = when,
            ["Id"] = id,
            ["Bin"] = new byte[] { 0, 1, 2, 255 },
        };

        await table.AddEntityAsync(entity);
        TableEntity read = (await table.GetEntityAsync("p", "typed"))!;

        Assert.Equal("text 'quoted' ñ", read["S"]);
        Assert.Equal(int.MinValue, read["I32"]);
        Assert.Equal(637_000_000_000_000_000L, read["I64"]);
        Assert.Equal(5L, read["Small64"]);
        Assert.Equal(1.0, read["D"]);
        Assert.Equal(0.1, read["Frac"]);
        Assert.Equal(true, read["B"]);
        Assert.Equal(when, read.GetDateTimeOffset("When"));
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(id, read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read.GetBinary("Bin"));
    }

    [Theory]
    [InlineData("shopify:450789469", "shipment|ups|1Z999AA10123456784")]
    [InlineData("api:it's 50% off & more", "row with spaces + plus")]
    [InlineData("ünïcödé", "emoji 📦")]
    public async Task AddEntityAsync_KeysWithSpecialCharacters_RoundTripThroughUrl(string partitionKey, string rowKey)
    {
        TableClient table = await azurite.CreateTableAsync();

        await table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 1 });
        TableEntity? read = await table.GetEntityAsync(partitionKey, rowKey);
        await table.UpsertEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 2 });
        await table.DeleteEntityAsync(partitionKey, rowKey, read!.ETag == default ? ETag.All : ETag.All);

        Assert.Equal((partitionKey, rowKey), (read.PartitionKey, read.RowKey));
        Assert.Null(await table.GetEntityAsync(partitionKey, rowKey));
    }

    [Fact]
    public async Task GetEntityAsync_WithSelect_ReturnsOnlySelectedProperties()
    {
        TableClient table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        TableEntity read = (await table.GetEntityAsync("p", "r", ["A"]))!;

        Assert.Equal("a", read.GetString("A"));
        Assert.False(read.ContainsKey("B"));
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_Succeeds()
    {
        TableClient table = await azurite.CreateTableAsync();

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        Assert.NotNull(await table.GetEntityAsync("p", "r"));
    }
}
