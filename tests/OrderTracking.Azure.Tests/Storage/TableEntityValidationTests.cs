using OrderTracking.Azure.Storage;

namespace OrderTracking.Azure.Tests.Storage;

public sealed class TableEntityValidationTests : IDisposable
{
    private readonly RecordingHandler _handler = new();
    private readonly TableClient _table;

    public TableEntityValidationTests()
    {
        _table = StorageConnection.FromConnectionString("UseDevelopmentStorage=true")
            .CreateTableServiceClient(_handler.Options()).GetTableClient("Orders");
    }

    public void Dispose() => _handler.Dispose();

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    public async Task AddEntityAsync_DisallowedKeyCharacter_ThrowsBeforeAnyRequest(string key)
    {
        TableEntityValidationException pk = await Assert.ThrowsAsync<TableEntityValidationException>(() => _table.AddEntityAsync(new TableEntity(key, "r")));
        TableEntityValidationException rk = await Assert.ThrowsAsync<TableEntityValidationException>(() => _table.UpsertEntityAsync(new TableEntity("p", key)));
        await Assert.ThrowsAsync<TableEntityValidationException>(() => _table.GetEntityAsync("p", key));
        await Assert.ThrowsAsync<TableEntityValidationException>(() => _table.DeleteEntityAsync(key, "r"));

        Assert.Contains("PartitionKey", pk.Message);
        Assert.Contains("RowKey", rk.Message);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task AddEntityAsync_KeyOver1KiB_ThrowsBeforeAnyRequest()
    {
        TableEntityValidationException error = await Assert.ThrowsAsync<TableEntityValidationException>(
            () => _table.AddEntityAsync(new TableEntity(new string('k', 513), "r")));

        Assert.Contains("1 KiB", error.Message);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task AddEntityAsync_KeyAtLimit_IsSent()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => _table.AddEntityAsync(new TableEntity(new string('k', 512), "r")));

        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task AddEntityAsync_StringPropertyOver64KiB_ThrowsBeforeAnyRequest()
    {
        var entity = new TableEntity("p", "r") { ["Events"] = new string('x', (32 * 1024) + 1) };

        TableEntityValidationException error = await Assert.ThrowsAsync<TableEntityValidationException>(() => _table.AddEntityAsync(entity));

        Assert.Contains("'Events'", error.Message);
        Assert.Contains("64 KiB", error.Message);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task AddEntityAsync_BinaryPropertyOver64KiB_ThrowsBeforeAnyRequest()
    {
        var entity = new TableEntity("p", "r") { ["Blob"] = new byte[(64 * 1024) + 1] };

        await Assert.ThrowsAsync<TableEntityValidationException>(() => _table.AddEntityAsync(entity));

        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task AddEntityAsync_EntityOver1MiB_ThrowsBeforeAnyRequest()
    {
        var entity = new TableEntity("p", "r");
        for (int i = 0; i < 17; i++)
        {
            entity[$"Chunk{i}"] = new byte[64 * 1000];
        }

        TableEntityValidationException error = await Assert.ThrowsAsync<TableEntityValidationException>(() => _table.UpsertEntityAsync(entity));

        Assert.Contains("1 MiB", error.Message);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task AddEntityAsync_253UserProperties_ThrowsBecauseSystemPropertiesCount()
    {
        TableEntity tooMany = WithProperties(253);
        TableEntity atLimit = WithProperties(252);

        TableEntityValidationException error = await Assert.ThrowsAsync<TableEntityValidationException>(() => _table.AddEntityAsync(tooMany));
        await Assert.ThrowsAnyAsync<Exception>(() => _table.AddEntityAsync(atLimit));

        Assert.Contains("256 properties", error.Message);
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("has space")]
    [InlineData("odata.type")]
    public async Task AddEntityAsync_InvalidPropertyName_ThrowsBeforeAnyRequest(string name)
    {
        await Assert.ThrowsAsync<TableEntityValidationException>(() => _table.AddEntityAsync(new TableEntity("p", "r") { [name] = "v" }));

        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task AddEntityAsync_UnsupportedValueType_ThrowsBeforeAnyRequest()
    {
        TableEntityValidationException error = await Assert.ThrowsAsync<TableEntityValidationException>(
            () => _table.AddEntityAsync(new TableEntity("p", "r") { ["Price"] = 12.5m }));

        Assert.Contains("Decimal", error.Message);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public void TableEntityValidationException_IsAnArgumentException()
    {
        Assert.IsAssignableFrom<ArgumentException>(new TableEntityValidationException("x"));
    }

    private static TableEntity WithProperties(int count)
    {
        var entity = new TableEntity("p", "r");
        for (int i = 0; i < count; i++)
        {
            entity[$"P{i}"] = i;
        }

        return entity;
    }
}
