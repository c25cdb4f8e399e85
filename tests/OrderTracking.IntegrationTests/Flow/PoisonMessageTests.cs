using OrderTracking.Azure.Storage;
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
                async () => await poison.ExistsAndPeekAsync(), m => m.Count > 0, TimeSpan.FromSeconds(60), "the poison queue");

            Assert.Equal(message, Assert.Single(poisoned).MessageText);
            Assert.Equal(5, Volatile.Read(ref failures));
            Assert.Empty((await inbound.PeekMessagesAsync(32)));
            await foreach (TableEntity e in app.Tables.GetTableClient("Orders").QueryAsync())
            {
                Assert.Fail($"unexpected Orders row {e.PartitionKey}/{e.RowKey}");
            }
        }
        finally
        {
            app.Host.Invoked -= Count;
        }
    }
}
