using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Tests.Support;

namespace OrderTracking.DevHost.Tests.Configuration;

public sealed class FunctionMetadataReaderTests
{
    private static readonly SettingExpander s_expander = new(new Dictionary<string, string?> { ["Every5"] = "0 */5 * * * *" });

    [Fact]
    public void ReadAll_FunctionFolders_NamesFunctionsAfterFoldersAndClassifiesTriggers()
    {
        using var root = new TempAppRoot();
        root.AddFunction("GetOrder", """{ "bindings": [ { "name": "req", "type": "httpTrigger", "direction": "in" }, { "name": "res", "type": "http", "direction": "out" } ] }""");
        root.AddFunction("Ingest", """{ "bindings": [ { "name": "m", "type": "queueTrigger", "direction": "in", "queueName": "q" }, { "name": "o", "type": "queue", "direction": "out", "queueName": "q2" } ] }""");
        root.AddFunction("Sweep", """{ "bindings": [ { "name": "timer", "type": "timerTrigger", "direction": "in", "schedule": "%Every5%" } ] }""");
        Directory.CreateDirectory(Path.Combine(root.Path, "wwwroot"));

        IReadOnlyList<FunctionDescriptor> functions = FunctionMetadataReader.ReadAll(root.Path, s_expander);

        Assert.Equal(["GetOrder", "Ingest", "Sweep"], functions.Select(f => f.Name));
        Assert.Equal([TriggerKind.Http, TriggerKind.Queue, TriggerKind.Timer], functions.Select(f => f.Trigger));
        Assert.True(functions[0].IsHttpInAndOut);
        Assert.Equal("m", functions[1].TriggerBinding.Name);
    }

    [Fact]
    public void IsHttpInAndOut_ExtraQueueOutput_IsFalse()
    {
        using var root = new TempAppRoot();
        string file = root.AddFunction("F", """{ "bindings": [ { "name": "req", "type": "httpTrigger", "direction": "in" }, { "name": "res", "type": "http", "direction": "out" }, { "name": "o", "type": "queue", "direction": "out", "queueName": "q" } ] }""");

        FunctionDescriptor function = FunctionMetadataReader.Read("F", file, s_expander);

        Assert.False(function.IsHttpInAndOut);
    }

    [Theory]
    [InlineData("""{ "bindings": [ { "name": "b", "type": "blobTrigger", "direction": "in" } ] }""", "type 'blobTrigger', which the DevHost does not support")]
    [InlineData("""{ "bindings": [ { "name": "m", "type": "queueTrigger", "direction": "in" } ] }""", "missing 'queueName'")]
    [InlineData("""{ "bindings": [ { "name": "t", "type": "timerTrigger", "direction": "in", "schedule": "every minute" } ] }""", "not a valid NCRONTAB")]
    [InlineData("""{ "bindings": [ { "name": "t", "type": "timerTrigger", "direction": "in", "schedule": "%NoSuchSetting%" } ] }""", "'NoSuchSetting' is not defined")]
    [InlineData("""{ "bindings": [ { "name": "t", "type": "timerTrigger", "direction": "in" } ] }""", "missing 'schedule'")]
    [InlineData("""{ "bindings": [ { "name": "o", "type": "queue", "direction": "out", "queueName": "q" } ] }""", "exactly one trigger")]
    [InlineData("""{ "bindings": [ { "type": "httpTrigger", "direction": "in" } ] }""", "has no 'name'")]
    [InlineData("""{ "bindings": [ { "name": "r", "type": "httpTrigger", "direction": "in", "authLevel": "system" } ] }""", "authLevel 'system'")]
    [InlineData("""{ "bindings": [] }""", "non-empty array")]
    public void Read_InvalidFunctionJson_ThrowsNamingFileAndProblem(string json, string expected)
    {
        using var root = new TempAppRoot();
        string file = root.AddFunction("Broken", json);

        var ex = Assert.Throws<DevHostConfigurationException>(() => FunctionMetadataReader.Read("Broken", file, s_expander));

        Assert.Contains(expected, ex.Message);
        Assert.Contains(file, ex.Message);
    }
}
