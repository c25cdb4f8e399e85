using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace OrderTracking.Functions.Tests.Layout;

/// <summary>
/// <c>dotnet publish -c Release</c> (what azd runs, no <c>-r</c>) yields a folder that is a valid Functions app root:
/// host.json naming a self-contained executable with its run bit, the function folders, no local settings — and the
/// executable starts and answers the host's readiness ping.
/// </summary>
public sealed class PublishLayoutTests : IClassFixture<PublishLayoutTests.PublishedApp>
{
    private readonly PublishedApp _app;

    public PublishLayoutTests(PublishedApp app) => _app = app;

    public sealed class PublishedApp : IDisposable
    {
        public PublishedApp()
        {
            Root = Path.Combine(Path.GetTempPath(), "ot-publish-" + Guid.NewGuid().ToString("N"));
            string project = Path.Combine(FunctionLayout.SourceRoot, "functions", "OrderTracking.Functions");
            var psi = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", Root, "--nologo"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process process = Process.Start(psi)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet publish did not finish in 8 minutes");
            }

            Log = output.Result + errors.Result;
            ExitCode = process.ExitCode;
        }

        public string Root { get; }

        public string Log { get; }

        public int ExitCode { get; }

        public void Dispose()
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }
    }

    [Fact]
    public void Publish_Succeeds()
    {
        Assert.True(_app.ExitCode == 0, _app.Log);
    }

    [Fact]
    public void HostJson_NamesAnExecutableSelfContainedApp()
    {
        JsonNode host = JsonNode.Parse(File.ReadAllText(Path.Combine(_app.Root, "host.json")))!;
        string exe = (string)host["customHandler"]!["description"]!["defaultExecutablePath"]!;
        string path = Path.Combine(_app.Root, exe);

        Assert.True(File.Exists(path), $"{exe} missing from the publish root");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{exe} has no run bit");
        Assert.True(File.Exists(Path.Combine(_app.Root, "libcoreclr.so")), "not self-contained: the runtime is missing");
        Assert.Equal("[4.*, 5.0.0)", (string)host["extensionBundle"]!["version"]!);
        Assert.True((bool)host["customHandler"]!["enableForwardingHttpRequest"]!);
    }

    [Fact]
    public void FunctionFolders_AreAllPublished_AndLocalSettingsAreNot()
    {
        string source = Path.Combine(FunctionLayout.SourceRoot, "functions", "OrderTracking.Functions");
        Assert.Equal(FunctionLayout.Read(source).Select(f => f.Name), FunctionLayout.Read(_app.Root).Select(f => f.Name));
        Assert.NotEmpty(FunctionLayout.Read(_app.Root));
        Assert.False(File.Exists(Path.Combine(_app.Root, "local.settings.json")));
    }

    [Fact]
    public async Task PublishedExecutable_StartsOnTheHostPortAndAnswersThePing()
    {
        int port = FreePort();
        var psi = new ProcessStartInfo(Path.Combine(_app.Root, "OrderTracking.Functions"))
        {
            WorkingDirectory = _app.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        psi.Environment["Tracking__ReadTokenKey"] = "publish-test-key-0123456789";
        using Process process = Process.Start(psi)!;
        try
        {
            using var client = new HttpClient();
            DateTime deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    using HttpResponseMessage response = await client.GetAsync($"http://127.0.0.1:{port}/");
                    Assert.True(response.IsSuccessStatusCode);
                    return;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(25);
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
