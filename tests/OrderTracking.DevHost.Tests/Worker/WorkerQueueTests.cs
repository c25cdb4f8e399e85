using System.Text.Json;
using global::Azure.Storage.Queues;
using OrderTracking.DevHost.Tests.Support;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Worker;

/// <summary>Queue triggers with the storage extension's semantics, on two workers sharing the queues (reference §4).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerQueueTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(azurite.ConnectionString, o => o.WorkerCount = 2);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task HundredMessages_AreEachProcessedExactlyOnce_AcrossBothWorkers()
    {
        string[] keys = [.. Enumerable.Range(0, 100).Select(i => $"m{i:D3}")];
        await Task.WhenAll(keys.Select(k => _app.SendAsync("WorkQueue", JsonSerializer.Serialize(new { id = k }))));

        IReadOnlyList<JsonElement> done = await _app.WaitForRecordsAsync("done", r => r.Count >= 100, s_deadline);

        Assert.Equal(keys, done.Select(r => r.GetProperty("key").GetString()).Order(StringComparer.Ordinal));
        Assert.All(done, r => Assert.Equal(1, r.GetProperty("dequeueCount").GetInt64()));
        Assert.Equal(2, done.Select(r => r.GetProperty("processId").GetInt32()).Distinct().Count());
        await WaitUntilEmptyAsync(_app.Queue("WorkQueue"));
        Assert.Equal(100, _app.Records("start").Count); // no delivery beyond the 100
    }

    [Fact]
    public async Task ThrowingMessage_IsTriedMaxDequeueCountTimes_ThenMovedToPoison()
    {
        string body = JsonSerializer.Serialize(new { id = "poison-me", fail = true });
        await _app.SendAsync("WorkQueue", body);

        IReadOnlyList<string> poisoned = await WaitForMessagesAsync(_app.Queues["WorkQueue"] + "-poison");

        Assert.Equal([body], poisoned);
        IReadOnlyList<JsonElement> starts = _app.Records("start").Where(r => r.GetProperty("key").GetString() == "poison-me").ToArray();
        Assert.Equal([1L, 2L, 3L], starts.Select(r => r.GetProperty("dequeueCount").GetInt64()).Order()); // host.json maxDequeueCount 3
        Assert.Single(starts.Select(r => r.GetProperty("messageId").GetString()).Distinct());
        Assert.Empty(_app.Records("done"));
    }

    [Fact]
    public async Task Metadata_CarriesIdPopReceiptAndJsonDates_AsTheHostSendsThem()
    {
        QueueClient queue = _app.Queue("WorkQueue");
        await queue.CreateIfNotExistsAsync();
        global::Azure.Storage.Queues.Models.SendReceipt sent = (await queue.SendMessageAsync("""{"note":"meta"}""")).Value;

        JsonElement start = (await _app.WaitForRecordsAsync("start", r => r.Count == 1, s_deadline)).Single();

        Assert.Equal(sent.MessageId, start.GetProperty("messageId").GetString());
        Assert.False(string.IsNullOrEmpty(start.GetProperty("popReceipt").GetString()));
        string insertionJson = start.GetProperty("insertionTime").GetString()!; // TypedData.json: a quoted ISO date, as the host sends it
        Assert.StartsWith("\"", insertionJson, StringComparison.Ordinal);
        DateTimeOffset inserted = JsonSerializer.Deserialize<DateTimeOffset>(insertionJson);
        Assert.InRange(inserted, sent.InsertionTime.AddSeconds(-1), sent.InsertionTime.AddSeconds(1));
    }

    [Fact]
    public async Task MessageProperty_OverridesTriggerMetadataOfTheSameName_CaseInsensitively()
    {
        await _app.SendAsync("WorkQueue", """{"ID":"from-message"}""");

        JsonElement start = (await _app.WaitForRecordsAsync("start", r => r.Count == 1, s_deadline)).Single();

        Assert.Equal("from-message", start.GetProperty("messageId").GetString()); // the host: input data overrides ambient data
    }

    [Fact]
    public async Task QueueOutput_ReturnedArray_IsOneMessagePerElement_OnlyAfterSuccess()
    {
        await _app.SendAsync("EmitQueue", """{"emit":["first","second"],"fail":true}""");
        await _app.SendAsync("EmitQueue", """{"emit":["one","two","three"]}""");

        IReadOnlyList<string> messages = await WaitForMessagesAsync(_app.Queues["DoneQueue"], expected: 3);
        await WaitForMessagesAsync(_app.Queues["EmitQueue"] + "-poison"); // the failing one, after 3 tries

        Assert.Equal(["one", "three", "two"], messages.Order(StringComparer.Ordinal));
        Assert.Empty(await _app.DrainAsync("DoneQueue"));
    }

    [Fact]
    public async Task QueueMessageParameter_IsBoundThroughModelBindingData()
    {
        QueueClient queue = _app.Queue("RawQueue");
        await queue.CreateIfNotExistsAsync();
        string messageId = (await queue.SendMessageAsync("plain text, not JSON")).Value.MessageId;

        JsonElement raw = (await _app.WaitForRecordsAsync("raw", r => r.Count == 1, s_deadline)).Single();

        Assert.Equal(messageId, raw.GetProperty("MessageId").GetString());
        Assert.Equal("plain text, not JSON", raw.GetProperty("text").GetString());
        Assert.Equal(1, raw.GetProperty("DequeueCount").GetInt64());
    }

    [Fact]
    public async Task MessageThatIsNotBase64_GoesToPoisonAtOnce_WithoutAnInvocation()
    {
        QueueClient plain = _app.Queue("WorkQueue", base64: false);
        await plain.CreateIfNotExistsAsync();
        await plain.SendMessageAsync("{not base64!}");

        IReadOnlyList<string> poisoned = await WaitForMessagesAsync(_app.Queues["WorkQueue"] + "-poison", base64: false);

        Assert.Equal(["{not base64!}"], poisoned);
        Assert.Empty(_app.Records("start"));
    }

    private async Task<IReadOnlyList<string>> WaitForMessagesAsync(string queueName, int expected = 1, bool base64 = true)
    {
        var found = new List<string>();
        DateTime deadline = DateTime.UtcNow + s_deadline;
        while (found.Count < expected)
        {
            found.AddRange(await _app.DrainAsync(string.Empty, queueName, base64));
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{queueName}' had {found.Count} of {expected} messages within {s_deadline}.");
            }

            await Task.Delay(100);
        }

        return found;
    }

    private static async Task WaitUntilEmptyAsync(QueueClient queue)
    {
        DateTime deadline = DateTime.UtcNow + s_deadline;
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the work queue did not drain");
            await Task.Delay(100);
        }
    }
}
