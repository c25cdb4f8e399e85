using System.Diagnostics;
using System.Globalization;
using OrderTracking.Azurite;
using OrderTracking.DevHost;

namespace OrderTracking.Benchmarks.ColdStart;

/// <summary>
/// Cold start to the first 200 under the same DevHost, both published with <c>dotnet publish -c Release</c> (what azd
/// deploys): the function app (<c>GET /api/widget.js</c>, no storage on the path) against the small isolated TestApp
/// (<c>GET /api/status/200</c>), alternating runs so machine noise hits both equally. Prints medians and their ratio.
/// Usage: <c>scenario coldstart [runs=9]</c>.
/// </summary>
internal sealed class ColdStartScenario : IScenario
{
    public string Name => "coldstart";

    public string Description => "DevHost start to first 200: the function app vs a small isolated app, both published Release";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 9;
        string root = Testing.RepositoryLayout.Root;
        string app = await PublishAsync(Path.Combine(root, "functions", "OrderTracking.Functions"), cancellationToken);
        string small = await PublishAsync(Path.Combine(root, "tests", "OrderTracking.DevHost.TestApp"), cancellationToken);
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions(), cancellationToken);

        var appTimes = new List<double>();
        var smallTimes = new List<double>();
        for (int i = 0; i <= runs; i++)
        {
            double a = await MeasureAsync(app, "api/widget.js", azurite.ConnectionString, cancellationToken);
            double s = await MeasureAsync(small, "api/status/200", azurite.ConnectionString, cancellationToken);
            if (i > 0)
            {
                appTimes.Add(a); // run 0 warms the file cache for both
                smallTimes.Add(s);
            }
        }

        double appMedian = Median(appTimes);
        double smallMedian = Median(smallTimes);
        Console.WriteLine($"cold start under the DevHost, {runs} alternating runs each (DevHost start → worker loaded → first 200):");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  function app   : median {appMedian,7:0} ms  (min {appTimes.Min():0}, max {appTimes.Max():0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  small test app : median {smallMedian,7:0} ms  (min {smallTimes.Min():0}, max {smallTimes.Max():0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio          : {appMedian / smallMedian:0.00}x"));
    }

    private static async Task<double> MeasureAsync(string appRoot, string path, string storage, CancellationToken cancellationToken)
    {
        var options = new DevHostOptions { AppRoot = appRoot, Port = 0, StorageConnectionString = storage, FunctionKey = "k" };
        foreach ((string key, string value) in new Dictionary<string, string>
        {
            ["Tracking:ReadTokenKey"] = "cold-start-benchmark-key-0123",
            ["PollSchedule"] = "0 0 0 1 1 *",
            ["TickSchedule"] = "0 0 0 1 1 *",
            ["WorkQueue"] = "cold-work",
            ["EmitQueue"] = "cold-emit",
            ["DoneQueue"] = "cold-done",
            ["RawQueue"] = "cold-raw",
            ["Logging__LogLevel__Default"] = "Warning",
        })
        {
            options.Settings[key] = value;
        }

        var clock = Stopwatch.StartNew();
        await using DevHostServer server = await DevHostServer.StartAsync(options, cancellationToken: cancellationToken);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using HttpResponseMessage response = await client.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<string> PublishAsync(string project, CancellationToken cancellationToken)
    {
        string output = Path.Combine(Path.GetTempPath(), "ot-coldstart-" + Path.GetFileName(project));
        using Process publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "q"]))!;
        await publish.WaitForExitAsync(cancellationToken);
        return publish.ExitCode == 0 ? output : throw new InvalidOperationException($"publish of {project} failed");
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
