using System.Reflection;
using BenchmarkDotNet.Running;
using OrderTracking.Benchmarks;

// Usage:
//   dotnet run -c Release --project tests/OrderTracking.Benchmarks -- scenario            (list scenarios)
//   dotnet run -c Release --project tests/OrderTracking.Benchmarks -- scenario storage    (run one)
//   dotnet run -c Release --project tests/OrderTracking.Benchmarks -- --filter '*'        (BenchmarkDotNet)
IScenario[] scenarios = [.. typeof(IScenario).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IScenario).IsAssignableFrom(t))
    .Select(t => (IScenario)Activator.CreateInstance(t, nonPublic: true)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)];

if (args.Length > 0 && args[0] == "scenario")
{
    IScenario? scenario = args.Length > 1 ? scenarios.FirstOrDefault(s => s.Name == args[1]) : null;
    if (scenario is null)
    {
        foreach (IScenario s in scenarios)
        {
            Console.WriteLine($"{s.Name,-16} {s.Description}");
        }

        return args.Length > 1 ? 2 : 0;
    }

    // A scenario is stopped after 30 minutes unless BENCHMARK_TIMEOUT_MINUTES says otherwise (seeding 100,000 rows
    // into Azurite alone takes longer than that on a 2-core machine).
    int minutes = int.TryParse(Environment.GetEnvironmentVariable("BENCHMARK_TIMEOUT_MINUTES"), out int m) && m > 0 ? m : 30;
    using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
    await scenario.RunAsync(args[2..], cts.Token);
    return 0;
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
