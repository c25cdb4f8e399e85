using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OrderTracking.DevHost.Tests.Support;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Worker;

/// <summary>
/// The run command as a user starts it (the DevHost executable, a repository root with local.settings.json,
/// <c>--app-root</c>): a variable set in the environment wins over local settings, with Core Tools' notice.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EnvironmentVariable_BeatsLocalSettings_AndTheSkipIsPrinted()
    {
        string repo = Path.Combine(Path.GetTempPath(), "devhost-run", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, "OrderTracking.sln"), string.Empty);
        File.WriteAllText(Path.Combine(repo, "local.settings.json"), """
            { "IsEncrypted": false, "Values": {
                "WorkQueue": "from-local-settings", "EmitQueue": "emit-run", "DoneQueue": "done-run", "RawQueue": "raw-run",
                "TickSchedule": "0 0 0 1 1 *", "OnlyInFile": "file-value", "DevHost__Demo": "false" } }
            """);
        int port = FreePort();
        string devHost = typeof(DevHostServer).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { devHost, "--app-root", TestApp.AppRoot, "--port", port.ToString(), "--DevHost:FunctionKey=k" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["WorkQueue"] = "from-environment";
        info.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
            string workQueue = await GetWhenUpAsync(client, "api/env/WorkQueue", process, output);

            Assert.Equal("from-environment", workQueue);
            Assert.Equal("file-value", await client.GetStringAsync("api/env/OnlyInFile"));
            lock (output)
            {
                Assert.Contains("Skipping 'WorkQueue' from local settings as it's already defined in current environment variables.", output.ToString(), StringComparison.Ordinal);
                Assert.Contains("isolated worker x1", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(repo, recursive: true);
        }
    }

    private static async Task<string> GetWhenUpAsync(HttpClient client, string path, Process process, StringBuilder output)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                return await client.GetStringAsync(path);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (HttpRequestException ex)
            {
                lock (output)
                {
                    throw new InvalidOperationException($"The DevHost did not serve {path}: {ex.Message}{Environment.NewLine}{output}", ex);
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
