using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using OrderTracking.DevHost;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Layout;

/// <summary>
/// <c>dotnet publish -c Release</c> (what azd runs) yields a standard isolated-worker app root — worker.config.json,
/// functions.metadata, extensions.json + .azurefunctions/, host.json without a custom handler, no local settings — and
/// that folder runs: under the DevHost, the real worker answers <c>GET /api/health</c> against Azurite.
/// </summary>
public sealed class PublishLayoutTests : IClassFixture<PublishLayoutTests.PublishedApp>, IClassFixture<AzuriteFixture>
{
    private readonly PublishedApp _app;
    private readonly AzuriteFixture _azurite;

    public PublishLayoutTests(PublishedApp app, AzuriteFixture azurite)
    {
        _app = app;
        _azurite = azurite;
    }

    public sealed class PublishedApp : IDisposable
    {
        public PublishedApp()
        {
            Root = Path.Combine(Path.GetTempPath(), "ot-publish-" + Guid.NewGuid().ToString("N"));
            string project = Path.Combine(RepositoryLayout.Root, "functions", "OrderTracking.Functions");
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
    public void PublishFolder_IsAnIsolatedWorkerAppRoot()
    {
        JsonNode worker = JsonNode.Parse(File.ReadAllText(Path.Combine(_app.Root, "worker.config.json")))!["description"]!;
        Assert.Equal("dotnet-isolated", (string?)worker["language"]);
        Assert.Equal("dotnet", (string?)worker["defaultExecutablePath"]);
        Assert.True(File.Exists(Path.Combine(_app.Root, (string)worker["defaultWorkerPath"]!)));
        Assert.Equal(20, JsonNode.Parse(File.ReadAllText(Path.Combine(_app.Root, "functions.metadata")))!.AsArray().Count);
        Assert.True(File.Exists(Path.Combine(_app.Root, "extensions.json")), "extensions.json missing: the real host could not load the queue and timer extensions");
        Assert.True(Directory.Exists(Path.Combine(_app.Root, ".azurefunctions")));
    }

    [Fact]
    public void HostJson_HasNoCustomHandler_AndLocalSettingsAreNotPublished()
    {
        JsonObject host = JsonNode.Parse(File.ReadAllText(Path.Combine(_app.Root, "host.json")))!.AsObject();

        Assert.False(host.ContainsKey("customHandler"));
        Assert.False(host.ContainsKey("extensionBundle")); // isolated .NET apps bring their extensions (extensions.json)
        Assert.Equal("api", (string?)host["extensions"]!["http"]!["routePrefix"]);
        Assert.False(File.Exists(Path.Combine(_app.Root, "local.settings.json")));
        Assert.Empty(Directory.EnumerateFiles(_app.Root, "function.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PublishedApp_RunsUnderTheDevHost_AndAnswersHealth()
    {
        var options = new DevHostOptions { AppRoot = _app.Root, Port = 0, StorageConnectionString = _azurite.ConnectionString, FunctionKey = "k" };
        options.Settings["Tracking:ReadTokenKey"] = "publish-test-key-0123456789";
        options.Settings["PollSchedule"] = "0 0 0 1 1 *";
        await using DevHostServer host = await DevHostServer.StartAsync(options);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using HttpResponseMessage response = await client.GetAsync("api/health");

        Assert.Equal(20, host.Functions.Count); // indexed by the published worker over gRPC
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"reachable\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
