using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace OrderTracking.Benchmarks.ColdStart;

/// <summary>
/// Issue 3 item 7: handler process start → first <c>GET /</c> 200 (what the Functions host waits for, reference
/// §1.2), for the function app and for a hello-world minimal API published the same way (self-contained
/// linux-x64, Release), alternating runs so machine noise hits both equally. Prints medians and their ratio.
/// Usage: <c>scenario coldstart [runs=15]</c>.
/// </summary>
internal sealed class ColdStartScenario : IScenario
{
    public string Name => "coldstart";

    public string Description => "handler start to first GET / vs a hello-world minimal API, both published self-contained";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        string root = Testing.RepositoryLayout.Root;
        string app = await PublishAsync(Path.Combine(root, "functions", "OrderTracking.Functions"), cancellationToken);
        string hello = await PublishAsync(Path.Combine(root, "tests", "OrderTracking.Benchmarks.HelloWorld"), cancellationToken);

        var appTimes = new List<double>();
        var helloTimes = new List<double>();
        await MeasureAsync(app, "OrderTracking.Functions", cancellationToken); // warm the OS file cache for both
        await MeasureAsync(hello, "OrderTracking.Benchmarks.HelloWorld", cancellationToken);
        for (int i = 0; i < runs; i++)
        {
            appTimes.Add(await MeasureAsync(app, "OrderTracking.Functions", cancellationToken));
            helloTimes.Add(await MeasureAsync(hello, "OrderTracking.Benchmarks.HelloWorld", cancellationToken));
        }

        double appMedian = Median(appTimes);
        double helloMedian = Median(helloTimes);
        Console.WriteLine($"cold start, {runs} alternating runs each (start → first GET / 200):");
        Console.WriteLine($"  function app : median {appMedian,7:0.0} ms  (min {appTimes.Min():0.0}, max {appTimes.Max():0.0})");
        Console.WriteLine($"  hello world  : median {helloMedian,7:0.0} ms  (min {helloTimes.Min():0.0}, max {helloTimes.Max():0.0})");
        Console.WriteLine($"  ratio        : {appMedian / helloMedian:0.00}x");
    }

    private static async Task<double> MeasureAsync(string folder, string exe, CancellationToken cancellationToken)
    {
        int port = FreePort();
        var psi = new ProcessStartInfo(Path.Combine(folder, exe)) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        psi.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        psi.Environment["Tracking__ReadTokenKey"] = "cold-start-benchmark-key-0123";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                try
                {
                    using HttpResponseMessage response = await client.GetAsync($"http://127.0.0.1:{port}/", cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return clock.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException) when (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(5, cancellationToken);
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }
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

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
