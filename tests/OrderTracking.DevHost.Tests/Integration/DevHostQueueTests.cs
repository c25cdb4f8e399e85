using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrderTracking.Azure.Storage;
using OrderTracking.DevHost.Tests.Support;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Integration;

[Collection(AzuriteCollection.Name)]
public sealed partial class DevHostQueueTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private TestHandlerApp _app = null!;
    private DevHostServer _server = null!;
    private InvocationWaiter _waiter = null!;
    private QueueClient _work = null!;

    public async Task InitializeAsync()
    {
        _app = new TestHandlerApp(azurite.ConnectionString);
        _work = azurite.QueueServiceClient.GetQueueClient(_app.WorkQueue);
        await _work.CreateIfNotExistsAsync();
        _server = await DevHostServer.StartAsync(_app.Options);
        _waiter = new InvocationWaiter(_server);
    }

    public async Task DisposeAsync()
    {
        _waiter.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task QueueTrigger_JsonMessage_EnvelopeIsEncodedLikeTheHost()
    {
        // Reference §2.3 example. (A message property named "id" would replace Metadata.Id, as binding data is case-insensitive.)
        SendReceipt sent = await _work.SendMessageAsync("""{"orderId":"A-1001","status":"shipped"}""");

        await _waiter.WaitAsync("QueueWork", 1, s_wait);

        JsonObject record = _app.Records("QueueWork").Single();
        Assert.Equal("/QueueWork", record["path"]!.GetValue<string>());
        Assert.Equal("Azure-Functions-Host/4.1037.0", record["userAgent"]!.GetValue<string>());
        Assert.True(Guid.TryParse(record["invocationId"]!.GetValue<string>(), out _));
        Assert.Null(record["contentLength"]); // chunked, like the host's ObjectContent
        Assert.StartsWith("application/json; charset=utf-8", record["contentType"]!.GetValue<string>());
        JsonNode envelope = JsonNode.Parse(record["body"]!.GetValue<string>())!;
        Assert.Equal("\"{\\\"orderId\\\":\\\"A-1001\\\",\\\"status\\\":\\\"shipped\\\"}\"", envelope["Data"]!["item"]!.GetValue<string>());
        JsonObject metadata = envelope["Metadata"]!.AsObject();
        Assert.Equal("1", metadata["DequeueCount"]!.GetValue<string>());
        Assert.Equal($"\"{sent.MessageId}\"", metadata["Id"]!.GetValue<string>());
        Assert.Matches("^\".+\"$", metadata["PopReceipt"]!.GetValue<string>());
        Assert.Matches(IsoSeconds(), metadata["InsertionTime"]!.GetValue<string>());
        Assert.Matches(IsoSeconds(), metadata["ExpirationTime"]!.GetValue<string>());
        Assert.Matches(IsoSeconds(), metadata["NextVisibleTime"]!.GetValue<string>());
        Assert.Equal("\"A-1001\"", metadata["orderId"]!.GetValue<string>());
        Assert.Equal("\"shipped\"", metadata["status"]!.GetValue<string>());
        Assert.Equal("QueueWork", metadata["sys"]!["MethodName"]!.GetValue<string>());
        Assert.DoesNotContain(metadata, p => p.Key.EndsWith("trigger", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task QueueTrigger_Success_DeletesMessageWritesOutputAndPrintsLogs()
    {
        await _work.SendMessageAsync("""{"id":"ok-1"}""");

        IReadOnlyList<InvocationRecord> runs = await _waiter.WaitAsync("QueueWork", 1, s_wait);

        Assert.True(runs[0].Succeeded);
        Assert.Equal(TriggerKind.Queue, runs[0].Trigger);
        QueueClient done = azurite.QueueServiceClient.GetQueueClient(_app.DoneQueue);
        Assert.Equal("""{"seen":"ok-1"}""", (await done.PeekMessagesAsync()).Single().MessageText);
        Assert.Equal(0, await _work.GetApproximateMessagesCountAsync());
        Assert.Contains("[QueueWork] processed ok-1", _server.HandlerLogs);
    }

    [Fact]
    public async Task QueueTrigger_AlwaysFailing_RetriedThenMovedToPoison()
    {
        await _work.SendMessageAsync("""{"id":"bad","fail":true}""");

        IReadOnlyList<InvocationRecord> runs = await _waiter.WaitAsync("QueueWork", 3, s_wait);

        Assert.All(runs, r => Assert.False(r.Succeeded));
        string[] counts = [.. _app.Records("QueueWork").Select(r => JsonNode.Parse(r["body"]!.GetValue<string>())!["Metadata"]!["DequeueCount"]!.GetValue<string>())];
        Assert.Equal(["1", "2", "3"], counts);
        QueueClient poison = azurite.QueueServiceClient.GetQueueClient(_app.WorkQueue + "-poison");
        Assert.Equal("""{"id":"bad","fail":true}""", (await WaitForMessageAsync(poison)).MessageText);
        Assert.Empty(await _work.PeekMessagesAsync());
        Assert.Equal(3, _waiter.For("QueueWork").Count);
    }

    [Fact]
    public async Task QueueTrigger_SlowerThanFunctionTimeout_FailsWithTimeout()
    {
        await _work.SendMessageAsync("""{"id":"slow","sleepMs":15000}""");

        InvocationRecord run = (await _waiter.WaitAsync("QueueWork", 1, s_wait))[0];

        Assert.False(run.Succeeded);
        Assert.Contains("Timeout value of 00:00:05 exceeded", run.Error);
        Assert.InRange(run.Duration, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(14));
    }

    [Fact]
    public async Task QueueTrigger_HandlerKilled_NextMessageProcessedAfterRestart()
    {
        await _server.KillHandlerAsync();
        await _work.SendMessageAsync("""{"id":"after-crash"}""");

        IReadOnlyList<InvocationRecord> runs = await _waiter.WaitAsync("QueueWork", 1, s_wait);

        Assert.True(runs[0].Succeeded);
        Assert.Contains(_server.HandlerLogs, l => l.Contains("testhandler started", StringComparison.Ordinal));
    }

    private static async Task<PeekedMessage> WaitForMessageAsync(QueueClient queue)
    {
        using var cts = new CancellationTokenSource(s_wait);
        while (true)
        {
            try
            {
                IReadOnlyList<PeekedMessage> messages = await queue.PeekMessagesAsync(1, cts.Token);
                if (messages.Count > 0)
                {
                    return messages[0];
                }
            }
            catch (global::Azure.RequestFailedException ex) when (ex.Status == 404)
            {
                // poison queue not created yet
            }

            await Task.Delay(100, cts.Token);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")]
    private static partial Regex IsoSeconds();
}
