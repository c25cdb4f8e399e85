using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Tests.Support;

namespace OrderTracking.DevHost.Tests.Configuration;

/// <summary>host.json of an isolated-worker app root: route prefix, queue extension options, functionTimeout.</summary>
public sealed class HostSettingsReaderTests
{
    [Fact]
    public void Read_MinimalHostJson_UsesTheHostsDefaults()
    {
        using var root = new TempAppRoot("""{ "version": "2.0" }""");

        HostSettings host = HostSettingsReader.ReadForWorker(root.Path);

        Assert.Equal("api", host.RoutePrefix);
        Assert.Null(host.FunctionTimeout);
        Assert.Equal(16, host.Queues.BatchSize);
        Assert.Null(host.Queues.NewBatchThreshold);
        Assert.Equal(TimeSpan.FromMinutes(1), host.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, host.Queues.VisibilityTimeout);
        Assert.Equal(5, host.Queues.MaxDequeueCount);
        Assert.True(host.Queues.Base64Encoding);
    }

    [Fact]
    public void Read_FullHostJson_ReadsEveryKey()
    {
        using var root = new TempAppRoot("""
            { "version": "2.0", "functionTimeout": "00:02:00",
              "extensions": { "http": { "routePrefix": "/v1/" },
                "queues": { "batchSize": 4, "newBatchThreshold": 2, "maxPollingInterval": "00:00:03", "visibilityTimeout": "00:00:30", "maxDequeueCount": 2, "messageEncoding": "none" } } }
            """);

        HostSettings host = HostSettingsReader.ReadForWorker(root.Path);

        Assert.Equal("v1", host.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(2), host.FunctionTimeout);
        Assert.Equal(4, host.Queues.BatchSize);
        Assert.Equal(2, host.Queues.NewBatchThreshold);
        Assert.Equal(TimeSpan.FromSeconds(3), host.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), host.Queues.VisibilityTimeout);
        Assert.Equal(2, host.Queues.MaxDequeueCount);
        Assert.False(host.Queues.Base64Encoding);
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "messageEncoding": "utf8" } } }""", "messageEncoding")]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 64 } } }""", "batchSize")]
    [InlineData("""{ "extensions": { "queues": { "newBatchThreshold": -1 } } }""", "newBatchThreshold")]
    [InlineData("""{ "functionTimeout": "soon" }""", "functionTimeout")]
    [InlineData("""{ "customHandler": { "description": { "defaultExecutablePath": "x" } } }""", "customHandler")]
    [InlineData("""{ "version": """, "invalid JSON")]
    public void Read_InvalidHostJson_ThrowsNamingTheProblem(string json, string expected)
    {
        using var root = new TempAppRoot(json);

        var ex = Assert.Throws<DevHostConfigurationException>(() => HostSettingsReader.ReadForWorker(root.Path));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
