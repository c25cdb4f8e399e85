using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using OrderTracking.Azure.Storage;
using OrderTracking.Azurite;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Benchmarks.Storage;

/// <summary>
/// One Azurite; point read and merge-upsert of an order row, sequentially: our <see cref="OrderStore"/> (mapping
/// included) vs the bare Azure.Data.Tables calls that move the same entity, with a bare-HttpClient line for what the
/// SDK itself costs. Args: [iterations=2000] [warmup=200].
/// </summary>
internal sealed class StorageScenario : IScenario
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string Name => "storage";

    public string Description => "Order row point read and upsert on Azurite: our OrderStore vs bare Azure.Data.Tables (and raw HTTP)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        int warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions(), cancellationToken);
        StorageConnection connection = StorageConnection.FromConnectionString(azurite.ConnectionString);
        var storage = new StorageContext(connection.CreateTableServiceClient(), connection.CreateQueueServiceClient());
        await storage.EnsureCreatedAsync(cancellationToken);
        var orders = new OrderStore(storage);
        TableClient table = storage.Table(TableNames.Orders);

        OrderRecord order = SampleOrder();
        TableEntity entity = OrderEntityMapper.ToEntity(order);
        await orders.UpsertOrderAsync(order, cancellationToken);

        using var raw = new StorageFloorClient("devstoreaccount1", Convert.FromBase64String(Key), connection.TableEndpoint);
        byte[] entityJson = Encoding.UTF8.GetBytes(
            "{\"PartitionKey\":\"shopify:450789469\",\"RowKey\":\"order\",\"Source\":\"shopify\",\"ExternalId\":\"450789469\",\"OrderNumber\":\"#1001\"," +
            "\"CustomerEmail\":\"ana@example.com\",\"CustomerName\":\"Ana\",\"Locale\":\"en\",\"References\":\"{\\\"checkout\\\":\\\"c_1\\\"}\"," +
            "\"CreatedAt\":\"2026-11-30T10:00:00Z\",\"CreatedAt@odata.type\":\"Edm.DateTime\",\"UpdatedAt\":\"2026-11-30T10:05:00Z\",\"UpdatedAt@odata.type\":\"Edm.DateTime\"}");

        Console.WriteLine($"storage scenario: {iterations} sequential iterations per operation after {warmup} warm-up, Azurite {(azurite.IsExternal ? "external" : "in-memory")}");
        await CompareAsync("point read (order row)", warmup, iterations,
            () => orders.GetOrderAsync(order.OrderKey, cancellationToken),
            () => table.GetEntityAsync<TableEntity>(order.OrderKey, "order", cancellationToken: cancellationToken),
            () => raw.GetEntityAsync(TableNames.Orders, "shopify%3A450789469", "order"));
        await CompareAsync("upsert merge (order row)", warmup, iterations,
            () => orders.UpsertOrderAsync(order, cancellationToken),
            () => table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken),
            () => raw.UpsertAsync(TableNames.Orders, "shopify%3A450789469", "order", entityJson));
    }

    private static OrderRecord SampleOrder() => new()
    {
        OrderKey = "shopify:450789469",
        Source = "shopify",
        ExternalId = "450789469",
        OrderNumber = "#1001",
        CustomerEmail = "ana@example.com",
        CustomerName = "Ana",
        Locale = "en",
        References = new Dictionary<string, string> { ["checkout"] = "c_1" },
        CreatedAt = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 11, 30, 10, 5, 0, TimeSpan.Zero),
    };

    private static async Task CompareAsync(string name, int warmup, int iterations, Func<Task> ours, Func<Task> sdk, Func<Task> raw)
    {
        // Floors first, on the same warm Azurite, so ours never benefits from running last on a warmer server.
        LatencyStats r = await LatencyStats.MeasureAsync(warmup, iterations, raw);
        LatencyStats f = await LatencyStats.MeasureAsync(warmup, iterations, sdk);
        LatencyStats o = await LatencyStats.MeasureAsync(warmup, iterations, ours);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} our store      : {o.Format()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{string.Empty,-28} bare SDK floor : {f.Format()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{string.Empty,-28} raw HttpClient : {r.Format()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{string.Empty,-28} ratio store/SDK: throughput {o.OpsPerSecond / f.OpsPerSecond:F2}x, p50 {o.P50Ms / f.P50Ms:F2}x, p99 {o.P99Ms / f.P99Ms:F2}x; SDK/raw p50 {f.P50Ms / r.P50Ms:F2}x"));
    }
}
