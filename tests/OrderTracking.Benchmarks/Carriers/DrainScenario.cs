using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Carriers;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Benchmarks.Carriers;

/// <summary>
/// Drains N due shipments through the FedEx adapter (batches of 30) and its limiter against a stub that answers 429
/// past its rate. Reports requests over the limit (target 0) and drain time vs the minimum N / (rate × batch).
/// Args: [shipments=2000] [requestsPerSecond=5] [workers=8].
/// </summary>
internal sealed class DrainScenario : IScenario
{
    public string Name => "drain";

    public string Description => "2,000 due shipments through adapter + limiter vs a 429-ing stub: over-limit count, drain time";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int shipments = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        int rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        int workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        await using RateLimitedCarrierStub stub = await RateLimitedCarrierStub.StartAsync(rate);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Carriers:FedEx:BaseUrl"] = stub.BaseUrl.ToString(),
            ["Carriers:FedEx:ClientId"] = "drain",
            ["Carriers:FedEx:ClientSecret"] = "drain",
            ["Carriers:FedEx:RequestsPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Carriers:FedEx:RequestsPerDay"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCarriers(configuration);
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<CarrierRegistry>().TryGet("fedex", out ICarrierTracker? tracker);

        DateTimeOffset registered = DateTimeOffset.UtcNow;
        var due = new Queue<CarrierTrackingRequest[]>(Enumerable.Range(0, shipments)
            .Select(i => new CarrierTrackingRequest($"{700000000000L + i}", registered)).Chunk(tracker!.MaxBatch));
        int found = 0;
        int other = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                CarrierTrackingRequest[]? batch;
                lock (due)
                {
                    due.TryDequeue(out batch);
                }

                if (batch is null)
                {
                    return;
                }

                foreach (CarrierTrackingResult result in (await tracker.TrackAsync(batch, cancellationToken)).Values)
                {
                    Interlocked.Increment(ref result.Kind == CarrierResultKind.Found ? ref found : ref other);
                }
            }
        }, cancellationToken)));
        stopwatch.Stop();

        double minimum = (double)shipments / (rate * tracker.MaxBatch);
        Console.WriteLine($"drain: carrier=fedex shipments={shipments} rate={rate}/s batch={tracker.MaxBatch} workers={workers}");
        Console.WriteLine($"  requests accepted={stub.Accepted} over-limit (429)={stub.OverLimit} numbers answered={stub.Numbers}");
        Console.WriteLine($"  results found={found} other={other}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  drain time={stopwatch.Elapsed.TotalSeconds:F2} s  theoretical minimum N/(rate×batch)={minimum:F2} s  ratio={stopwatch.Elapsed.TotalSeconds / minimum:F3}"));
    }
}
