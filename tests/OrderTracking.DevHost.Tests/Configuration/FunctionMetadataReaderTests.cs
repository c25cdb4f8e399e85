using System.Text.Json.Nodes;
using OrderTracking.DevHost.Configuration;

namespace OrderTracking.DevHost.Tests.Configuration;

/// <summary>The worker's raw bindings become functions; what the DevHost cannot honour stops start-up, naming it.</summary>
public sealed class FunctionMetadataReaderTests
{
    private static readonly SettingExpander s_expander = new(new Dictionary<string, string?> { ["Every5"] = "0 */5 * * * *" });

    [Fact]
    public void Create_ClassifiesTriggersAndKeepsBindings()
    {
        FunctionDescriptor http = Create("""[{ "name": "req", "type": "httpTrigger", "direction": "In" }, { "name": "$return", "type": "http", "direction": "Out" }]""");
        FunctionDescriptor queue = Create("""[{ "name": "m", "type": "queueTrigger", "direction": "In", "queueName": "q" }, { "name": "o", "type": "queue", "direction": "Out", "queueName": "q2" }]""");
        FunctionDescriptor timer = Create("""[{ "name": "timer", "type": "timerTrigger", "direction": "In", "schedule": "%Every5%" }]""");

        Assert.Equal([TriggerKind.Http, TriggerKind.Queue, TriggerKind.Timer], new[] { http.Trigger, queue.Trigger, timer.Trigger });
        Assert.Equal("m", queue.TriggerBinding.Name);
        Assert.Equal("o", queue.Outputs.Single().Name);
    }

    [Theory]
    [InlineData("""[{ "name": "b", "type": "blobTrigger", "direction": "In" }]""", "type 'blobTrigger', which the DevHost does not support")]
    [InlineData("""[{ "name": "m", "type": "queueTrigger", "direction": "In" }]""", "missing 'queueName'")]
    [InlineData("""[{ "name": "t", "type": "timerTrigger", "direction": "In", "schedule": "every minute" }]""", "not a valid NCRONTAB")]
    [InlineData("""[{ "name": "t", "type": "timerTrigger", "direction": "In", "schedule": "%NoSuchSetting%" }]""", "'NoSuchSetting' is not defined")]
    [InlineData("""[{ "name": "t", "type": "timerTrigger", "direction": "In" }]""", "missing 'schedule'")]
    [InlineData("""[{ "name": "o", "type": "queue", "direction": "Out", "queueName": "q" }]""", "exactly one trigger")]
    [InlineData("""[{ "type": "httpTrigger", "direction": "In" }]""", "has no 'name'")]
    [InlineData("""[{ "name": "r", "type": "httpTrigger", "direction": "In", "authLevel": "System" }]""", "authLevel 'System'")]
    [InlineData("""[{ "name": "m", "type": "queueTrigger", "direction": "In", "queueName": "q" }, { "name": "res", "type": "http", "direction": "Out" }]""", "needs an 'httpTrigger'")]
    [InlineData("""[]""", "non-empty array")]
    public void Create_InvalidOrUnsupported_ThrowsNamingTheFunctionAndProblem(string bindings, string expected)
    {
        var ex = Assert.Throws<DevHostConfigurationException>(() => Create(bindings));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("function 'Broken'", ex.Message, StringComparison.Ordinal);
    }

    private static FunctionDescriptor Create(string bindings) =>
        FunctionMetadataReader.Create("Broken", JsonNode.Parse(bindings)!.AsArray(), "function 'Broken' (App.Broken.Run)", s_expander);
}
