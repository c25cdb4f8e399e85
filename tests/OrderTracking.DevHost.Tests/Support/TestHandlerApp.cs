using System.Reflection;
using System.Text.Json.Nodes;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Support;

/// <summary>Options for a DevHost running the TestHandler, with unique queues and a fresh record folder.</summary>
internal sealed class TestHandlerApp
{
    public const string YearlySchedule = "0 0 0 1 1 *";

    public TestHandlerApp(string connectionString, string tickSchedule = YearlySchedule, string? appRoot = null)
    {
        RecordDirectory = Path.Combine(Path.GetTempPath(), "devhost-tests", Guid.NewGuid().ToString("N"));
        WorkQueue = StorageTestNames.NewQueueName("work");
        DoneQueue = StorageTestNames.NewQueueName("done");
        Options = new DevHostOptions { AppRoot = appRoot ?? AppRoot, Port = 0, StorageConnectionString = connectionString, FunctionKey = "test-key-123" };
        Options.Settings["WorkQueue"] = WorkQueue;
        Options.Settings["DoneQueue"] = DoneQueue;
        Options.Settings["TickSchedule"] = tickSchedule;
        Options.Settings["TestHandler:RecordDirectory"] = RecordDirectory;
        Options.Settings["TestHandler:Marker"] = "from-settings";
        Options.Settings["TestHandlerMarker"] = "expanded-marker";
        Options.QueuePollingIntervalOverride = TimeSpan.FromMilliseconds(200);
    }

    public static string AppRoot { get; } = typeof(TestHandlerApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TestHandlerAppRoot").Value!;

    public DevHostOptions Options { get; }

    public string RecordDirectory { get; }

    public string WorkQueue { get; }

    public string DoneQueue { get; }

    /// <summary>Every request the TestHandler recorded for <paramref name="function"/>, in order.</summary>
    public IReadOnlyList<JsonObject> Records(string function)
    {
        string path = Path.Combine(RecordDirectory, function + ".jsonl");
        return File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray()
            : [];
    }
}
