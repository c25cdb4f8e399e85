using System.Globalization;
using System.Text;
using OrderTracking.Azure.Storage;
using OrderTracking.Azurite;

namespace OrderTracking.Benchmarks.Storage;

/// <summary>
/// One Azurite; point read, upsert and queue send+receive+delete, sequentially: our clients vs the bare-HttpClient floor.
/// Args: [iterations=2000] [warmup=200].
/// </summary>
internal sealed class StorageScenario : IScenario
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string Name => "storage";

    public string Description => "Table point read, upsert, queue send+receive+delete on Azurite: our clients vs bare HttpClient floor";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        int warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions(), cancellationToken);
        StorageConnection connection = StorageConnection.FromConnectionString(azurite.ConnectionString);
        TableClient table = connection.CreateTableServiceClient().GetTableClient("Bench");
        QueueClient queue = connection.CreateQueueServiceClient().GetQueueClient("bench");
        await table.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        TableEntity entity = SampleEntity();
        await table.UpsertEntityAsync(entity, cancellationToken: cancellationToken);

        using var floor = new StorageFloorClient("devstoreaccount1", Convert.FromBase64String(Key), connection.TableEndpoint, connection.QueueEndpoint);
        byte[] entityJson = Encoding.UTF8.GetBytes(
            "{\"PartitionKey\":\"shopify:450789469\",\"RowKey\":\"order\",\"Email\":\"ana@example.com\",\"Status\":\"inTransit\",\"Polls\":3,\"NextPollTicks\":\"639000000000000000\",\"NextPollTicks@odata.type\":\"Edm.Int64\"}");
        byte[] messageXml = Encoding.UTF8.GetBytes($"<QueueMessage><MessageText>{Convert.ToBase64String("{\"orderKey\":\"shopify:450789469\"}"u8)}</MessageText></QueueMessage>");

        Console.WriteLine($"storage scenario: {iterations} sequential iterations per operation after {warmup} warm-up, Azurite {(azurite.IsExternal ? "external" : "in-memory")}");
        await CompareAsync("point read", warmup, iterations,
            () => table.GetEntityAsync("shopify:450789469", "order", cancellationToken: cancellationToken),
            () => floor.GetEntityAsync("Bench", "shopify%3A450789469", "order"));
        await CompareAsync("upsert (merge)", warmup, iterations,
            () => table.UpsertEntityAsync(entity, cancellationToken: cancellationToken),
            () => floor.UpsertAsync("Bench", "shopify%3A450789469", "order", entityJson));
        await CompareAsync("queue send+receive+delete", warmup, iterations,
            async () =>
            {
                await queue.SendMessageAsync("{\"orderKey\":\"shopify:450789469\"}", cancellationToken: cancellationToken);
                QueueMessage message = (await queue.ReceiveMessagesAsync(1, cancellationToken: cancellationToken))[0];
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            },
            () => floor.QueueCycleAsync("bench", messageXml));
    }

    private static TableEntity SampleEntity() => new("shopify:450789469", "order")
    {
        ["Email"] = "ana@example.com",
        ["Status"] = "inTransit",
        ["Polls"] = 3,
        ["NextPollTicks"] = 639_000_000_000_000_000L,
    };

    private static async Task CompareAsync(string name, int warmup, int iterations, Func<Task> ours, Func<Task> floor)
    {
        // Floor first, on the same warm Azurite, so ours never benefits from running second on a warmer server.
        LatencyStats f = await LatencyStats.MeasureAsync(warmup, iterations, floor);
        LatencyStats o = await LatencyStats.MeasureAsync(warmup, iterations, ours);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} ours : {o.Format()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{string.Empty,-28} floor: {f.Format()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{string.Empty,-28} ratio ours/floor: throughput {o.OpsPerSecond / f.OpsPerSecond:F2}x, p50 {o.P50Ms / f.P50Ms:F2}x, p99 {o.P99Ms / f.P99Ms:F2}x"));
    }
}
