using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.DevHost;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Flow;

/// <summary>A message whose processing always fails ends in <c>inbound-events-poison</c> and writes nothing else.</summary>
public sealed class PoisonMessageTests(FunctionAppFixture app) : IClassFixture<FunctionAppFixture>
{
    [Fact]
    public async Task AlwaysFailingMessage_EndsInPoisonAfterMaxDequeueCount_AndWritesNothing()
    {
        int failures = 0;
        void Count(InvocationRecord r)
        {
            if (r.FunctionName == "IngestEvent" && !r.Succeeded)
            {
                Interlocked.Increment(ref failures);
            }
        }

        app.Host.Invoked += Count;
        try
        {
            // Well-formed JSON of the right type whose order key is invalid: ingestion throws before its first write.
            const string message = """{"type":"orderEvent","event":{"source":"api","externalId":"bad#key","shipments":[{"trackingNumber":"SBX4POISON01"}]},"receivedAt":"2026-11-22T06:00:00Z"}""";
            QueueClient inbound = app.Queues.GetQueueClient("inbound-events");
            await inbound.CreateIfNotExistsAsync();
            await inbound.SendMessageAsync(message);

            QueueClient poison = app.Queues.GetQueueClient("inbound-events-poison");
            IReadOnlyList<PeekedMessage> poisoned = await Eventually.UntilAsync(
                async () => await poison.ExistsAndPeekAsync(), m => m.Any(p => p.MessageText == message), TimeSpan.FromSeconds(60), "the poison queue");

            Assert.Single(poisoned, p => p.MessageText == message);
            // The 5th failure is reported around the time the message moves: wait for it, so no event leaks into other tests.
            int attempts = await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref failures)), n => n >= 5, TimeSpan.FromSeconds(10), "five failed attempts");
            Assert.Equal(5, attempts);
            Assert.Empty((await inbound.PeekMessagesAsync(32)).Value);
            await foreach (TableEntity e in app.Tables.GetTableClient("Orders").QueryAsync<TableEntity>())
            {
                Assert.Fail($"unexpected Orders row {e.PartitionKey}/{e.RowKey}");
            }
        }
        finally
        {
            app.Host.Invoked -= Count;
        }
    }

    [Theory]
    [InlineData("poll-requests", "PollCarrier", "{\"carrier\":\"sandbox\",\"items\":[]}")]
    [InlineData("notifications", "SendNotification", "{\"orderKey\":\"api:X\",\"carrier\":\"sandbox\",\"trackingNumber\":\"SBX1\",\"milestone\":\"teleported\"}")]
    [InlineData("inbound-events", "IngestEvent", "not json at all")]
    public async Task MessageThatCanNeverSucceed_IsDeadLetteredAtOnce(string queueName, string function, string message)
    {
        int failures = 0;
        void Count(InvocationRecord r)
        {
            if (r.FunctionName == function && !r.Succeeded)
            {
                Interlocked.Increment(ref failures);
            }
        }

        app.Host.Invoked += Count;
        QueueClient queue = app.Queues.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(message);

        QueueClient poison = app.Queues.GetQueueClient(queueName + "-poison");
        IReadOnlyList<PeekedMessage> poisoned = await Eventually.UntilAsync(
            async () => await poison.ExistsAndPeekAsync(), m => m.Any(p => p.MessageText == message), TimeSpan.FromSeconds(30), queueName + "-poison");

        app.Host.Invoked -= Count;

        // Moved by the handler on its first delivery, not after maxDequeueCount failed attempts.
        Assert.Single(poisoned, p => p.MessageText == message);
        Assert.Equal(0, Volatile.Read(ref failures));
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
    }
}
