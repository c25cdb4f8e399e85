using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrderTracking.Azurite;
using OrderTracking.Benchmarks.Storage;
using OrderTracking.DevHost;

namespace OrderTracking.Benchmarks.DevHost;

/// <summary>
/// DevHost 2 (issue 9) against floors measured in the same run, on one Azurite:
/// (1) DevHost start → first 200 from the isolated TestApp vs a hello-world minimal API process start → first 200;
/// (2) HTTP round trip through the DevHost to the worker vs the same request straight to an in-process ASP.NET Core
/// minimal API; (3) queue message enqueued → invocation finished vs a bare Azure.Storage.Queues send → receive.
/// Args: [starts=5] [requests=2000] [messages=200].
/// </summary>
internal sealed class DevHostScenario : IScenario
{
    public string Name => "devhost";

    public string Description => "DevHost 2: start to first 200, HTTP round trip and queue enqueue→invocation, each vs a floor";

    private static string Metadata(string key) =>
        typeof(DevHostScenario).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int starts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        int requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        int messages = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions(), cancellationToken);

        await MeasureStartAsync(azurite.ConnectionString, starts, cancellationToken);
        await using DevHostServer server = await DevHostServer.StartAsync(Options(azurite.ConnectionString, "bench-work"), cancellationToken: cancellationToken);
        await MeasureHttpAsync(server, requests, cancellationToken);
        await MeasureQueueAsync(server, azurite.ConnectionString, messages, cancellationToken);
    }

    private static DevHostOptions Options(string connectionString, string workQueue)
    {
        var options = new DevHostOptions { AppRoot = Metadata("TestAppRoot"), Port = 0, StorageConnectionString = connectionString, FunctionKey = "bench" };
        options.Settings["WorkQueue"] = workQueue;
        options.Settings["EmitQueue"] = "bench-emit";
        options.Settings["DoneQueue"] = "bench-done";
        options.Settings["RawQueue"] = "bench-raw";
        options.Settings["TickSchedule"] = "0 0 0 1 1 *";
        options.Settings["Logging__LogLevel__Default"] = "Warning";
        return options;
    }

    private static async Task MeasureStartAsync(string connectionString, int runs, CancellationToken cancellationToken)
    {
        var devHost = new List<double>();
        var floor = new List<double>();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (int i = 0; i <= runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await using (DevHostServer server = await DevHostServer.StartAsync(Options(connectionString, $"bench-start-{i}"), cancellationToken: cancellationToken))
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri(server.BaseAddress, "api/status/200"), cancellationToken);
                response.EnsureSuccessStatusCode();
                if (i > 0)
                {
                    devHost.Add(clock.Elapsed.TotalMilliseconds); // run 0 warms the file cache
                }
            }

            double hello = await HelloWorldStartAsync(client, cancellationToken);
            if (i > 0)
            {
                floor.Add(hello);
            }
        }

        Console.WriteLine($"start → first 200, {runs} alternating runs (after one warm-up):");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  DevHost + isolated TestApp worker : median {Median(devHost),7:0} ms (min {devHost.Min():0}, max {devHost.Max():0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  hello-world minimal API process   : median {Median(floor),7:0} ms (min {floor.Min():0}, max {floor.Max():0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio                             : {Median(devHost) / Median(floor):0.00}x"));
    }

    private static async Task<double> HelloWorldStartAsync(HttpClient client, CancellationToken cancellationToken)
    {
        int port = FreePort();
        string root = Metadata("HelloWorldRoot");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(root, "OrderTracking.Benchmarks.HelloWorld.dll"));
        info.Environment["HELLO_WORLD_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                try
                {
                    using HttpResponseMessage response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/"), cancellationToken);
                    return clock.Elapsed.TotalMilliseconds;
                }
                catch (HttpRequestException)
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

    private static async Task MeasureHttpAsync(DevHostServer server, int requests, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using WebApplication floorApp = builder.Build();
        floorApp.MapGet("/api/status/{code:int}", (int code) => Results.Text($"status {code}", "text/plain", statusCode: code));
        await floorApp.StartAsync(cancellationToken);
        var floorAddress = new Uri(floorApp.Urls.First());

        using var client = new HttpClient();
        var viaDevHost = new Uri(server.BaseAddress, "api/status/200");
        var direct = new Uri(floorAddress, "api/status/200");
        LatencyStats devHost = await LatencyStats.MeasureAsync(200, requests, () => GetAsync(client, viaDevHost, cancellationToken));
        LatencyStats floor = await LatencyStats.MeasureAsync(200, requests, () => GetAsync(client, direct, cancellationToken));
        Console.WriteLine($"HTTP GET round trip, {requests} sequential requests:");
        Console.WriteLine($"  through the DevHost to the worker : {devHost.Format()}");
        Console.WriteLine($"  straight to a minimal API         : {floor.Format()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio                             : p50 {devHost.P50Ms / floor.P50Ms:0.0}x, p99 {devHost.P99Ms / floor.P99Ms:0.0}x"));
        await floorApp.StopAsync(cancellationToken);
    }

    private static async Task GetAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await client.GetAsync(uri, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static async Task MeasureQueueAsync(DevHostServer server, string connectionString, int messages, CancellationToken cancellationToken)
    {
        var queue = new QueueClient(connectionString, "bench-work", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        TaskCompletionSource? current = null;
        server.Invoked += record =>
        {
            if (record.FunctionName == "Work")
            {
                Volatile.Read(ref current)?.TrySetResult();
            }
        };
        var samples = new List<double>();
        for (int i = 0; i < messages + 10; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref current, done);
            var clock = Stopwatch.StartNew();
            await queue.SendMessageAsync($$"""{"id":"b{{i}}"}""", cancellationToken);
            await done.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            if (i >= 10)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var floorQueue = new QueueClient(connectionString, "bench-floor", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await floorQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var floor = new List<double>();
        for (int i = 0; i < messages + 10; i++)
        {
            var clock = Stopwatch.StartNew();
            await floorQueue.SendMessageAsync($$"""{"id":"f{{i}}"}""", cancellationToken);
            QueueMessage? received = null;
            while (received is null)
            {
                received = (await floorQueue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1), cancellationToken)).Value.FirstOrDefault();
            }

            await floorQueue.DeleteMessageAsync(received.MessageId, received.PopReceipt, cancellationToken);
            if (i >= 10)
            {
                floor.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        // Burst: messages already waiting, so the listener never backs off (batchSize 8, newBatchThreshold 4 in the TestApp).
        int burst = messages * 5;
        int invoked = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Invoked += record =>
        {
            if (record.FunctionName == "Work" && Interlocked.Increment(ref invoked) == burst + messages + 10)
            {
                all.TrySetResult();
            }
        };
        Interlocked.Exchange(ref invoked, messages + 10);
        await Task.WhenAll(Enumerable.Range(0, burst).Select(i => queue.SendMessageAsync($$"""{"id":"burst{{i}}"}""", cancellationToken)));
        var burstClock = Stopwatch.StartNew();
        await all.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        double burstRate = burst / burstClock.Elapsed.TotalSeconds;

        await Task.WhenAll(Enumerable.Range(0, burst).Select(i => floorQueue.SendMessageAsync($$"""{"id":"fb{{i}}"}""", cancellationToken)));
        var floorClock = Stopwatch.StartNew();
        int drained = 0;
        while (drained < burst)
        {
            QueueMessage[] batch = (await floorQueue.ReceiveMessagesAsync(8, TimeSpan.FromMinutes(1), cancellationToken)).Value;
            await Task.WhenAll(batch.Select(m => floorQueue.DeleteMessageAsync(m.MessageId, m.PopReceipt, cancellationToken)));
            drained += batch.Length;
        }

        double floorRate = burst / floorClock.Elapsed.TotalSeconds;
        samples.Sort();
        floor.Sort();
        Console.WriteLine($"queue message enqueued → invocation finished, {messages} one at a time (idle queue between messages):");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  DevHost queue trigger → worker    : p50 {Percentile(samples, 0.5),7:0.0} ms  p90 {Percentile(samples, 0.9),7:0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bare send → receive → delete      : p50 {Percentile(floor, 0.5),7:0.0} ms  p90 {Percentile(floor, 0.9),7:0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio                             : p50 {Percentile(samples, 0.5) / Percentile(floor, 0.5):0.0}x (the DevHost, like the extension, polls an idle queue every 100 ms at best)"));
        Console.WriteLine($"queue burst, {burst} messages waiting, one worker (floor: one client receiving 8 and deleting them, in a loop):");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  DevHost queue trigger → worker    : {burstRate,7:0} messages/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bare receive(8) + delete loop     : {floorRate,7:0} messages/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio                             : {burstRate / floorRate:0.00}x the floor's rate (the listener fetches the next batch while one runs)"));
    }

    private static double Median(List<double> values) => Percentile([.. values.Order()], 0.5);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
