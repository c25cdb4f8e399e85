using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Tests.Support;

namespace OrderTracking.DevHost.Tests.Configuration;

public sealed class HostSettingsReaderTests
{
    private static readonly SettingExpander s_expander = new(new Dictionary<string, string?> { ["HandlerDll"] = "App.dll", ["Mode"] = "fast" });

    [Fact]
    public void Read_MinimalHostJson_UsesHostDefaults()
    {
        using var root = new TempAppRoot();

        HostSettings host = HostSettingsReader.Read(root.Path, s_expander);

        Assert.Equal("dotnet", host.ExecutablePath);
        Assert.Equal(root.Path, host.WorkingDirectory);
        Assert.Equal("api", host.RoutePrefix);
        Assert.False(host.ForwardsHttp);
        Assert.Null(host.FunctionTimeout);
        Assert.Equal(16, host.Queues.BatchSize);
        Assert.Equal(TimeSpan.FromMinutes(1), host.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, host.Queues.VisibilityTimeout);
        Assert.Equal(5, host.Queues.MaxDequeueCount);
        Assert.True(host.Queues.Base64Encoding);
    }

    [Fact]
    public void Read_FullHostJson_ReadsEveryKeyAndExpandsArguments()
    {
        using var root = new TempAppRoot("""
            {
              // comments are allowed, as in the host
              "customHandler": {
                "description": { "defaultExecutablePath": "handler", "arguments": ["%HandlerDll%", "--mode=%Mode%", "%Unknown%", "100%%"], "workingDirectory": "sub" },
                "enableProxyingHttpRequest": true
              },
              "functionTimeout": "00:02:00",
              "extensions": {
                "http": { "routePrefix": "" },
                "queues": { "batchSize": 8, "maxPollingInterval": "00:00:02", "visibilityTimeout": "00:00:30", "maxDequeueCount": 2, "messageEncoding": "none" }
              }
            }
            """);
        File.WriteAllText(Path.Combine(root.Path, "handler"), string.Empty);

        HostSettings host = HostSettingsReader.Read(root.Path, s_expander);

        Assert.Equal(Path.Combine(root.Path, "handler"), host.ExecutablePath);
        Assert.Equal(["App.dll", "--mode=fast", "%Unknown%", "100%"], host.Arguments);
        Assert.Equal(Path.Combine(root.Path, "sub"), host.WorkingDirectory);
        Assert.True(host.ForwardsHttp);
        Assert.Equal(string.Empty, host.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(2), host.FunctionTimeout);
        Assert.Equal(8, host.Queues.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(2), host.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), host.Queues.VisibilityTimeout);
        Assert.Equal(2, host.Queues.MaxDequeueCount);
        Assert.False(host.Queues.Base64Encoding);
    }

    [Theory]
    [InlineData("""{ "customHandler": { "description": { "defaultExecutablePath": "" } } }""", "defaultExecutablePath")]
    [InlineData("""{ "version": "2.0" }""", "customHandler")]
    [InlineData("""{ "customHandler": { "description": { "defaultExecutablePath": "x" } }, "extensions": { "queues": { "messageEncoding": "utf8" } } }""", "messageEncoding")]
    [InlineData("""{ "customHandler": { "description": { "defaultExecutablePath": "x" } }, "extensions": { "queues": { "batchSize": 64 } } }""", "batchSize")]
    [InlineData("""{ "customHandler": { "description": { "defaultExecutablePath": "x" } }, "functionTimeout": "soon" }""", "functionTimeout")]
    [InlineData("""{ "customHandler": """, "invalid JSON")]
    public void Read_InvalidHostJson_ThrowsNamingTheProblem(string json, string expected)
    {
        using var root = new TempAppRoot(json);

        var ex = Assert.Throws<DevHostConfigurationException>(() => HostSettingsReader.Read(root.Path, s_expander));

        Assert.Contains(expected, ex.Message);
        Assert.Contains("host.json", ex.Message);
    }
}
