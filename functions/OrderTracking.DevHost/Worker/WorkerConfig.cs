using System.Text.Json.Nodes;
using OrderTracking.DevHost.Configuration;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// <c>worker.config.json</c> of an isolated-worker app root (reference §1.1): the executable and the worker path the
/// host starts. <c>{WorkerRoot}</c> stands for the app root; a relative worker path is resolved against it.
/// </summary>
internal sealed record WorkerConfig(string ExecutablePath, string WorkerPath, bool WorkerIndexing)
{
    public const string FileName = "worker.config.json";

    public static bool Exists(string appRoot) => File.Exists(Path.Combine(appRoot, FileName));

    public static WorkerConfig Read(string appRoot)
    {
        string path = Path.Combine(appRoot, FileName);
        JsonObject root = HostSettingsReader.ParseObject(path);
        JsonObject description = root["description"] as JsonObject
            ?? throw new DevHostConfigurationException($"{path}: no 'description' section.");
        string language = Text(description, "language");
        if (!language.Equals("dotnet-isolated", StringComparison.OrdinalIgnoreCase))
        {
            throw new DevHostConfigurationException($"{path}: language '{language}' is not supported; the DevHost hosts .NET isolated workers ('dotnet-isolated').");
        }

        string executable = Text(description, "defaultExecutablePath");
        string worker = Text(description, "defaultWorkerPath");
        if (executable.Length == 0)
        {
            throw new DevHostConfigurationException($"{path}: 'description.defaultExecutablePath' is empty.");
        }

        string root2 = Path.GetFullPath(appRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        executable = executable.Replace("{WorkerRoot}", root2, StringComparison.OrdinalIgnoreCase);
        string candidate = Path.GetFullPath(Path.Combine(appRoot, executable));
        executable = File.Exists(candidate) ? candidate : executable; // else a command on PATH, e.g. "dotnet"
        worker = worker.Length == 0 ? string.Empty : Path.GetFullPath(Path.Combine(appRoot, worker.Replace("{WorkerRoot}", root2, StringComparison.OrdinalIgnoreCase)));
        if (worker.Length > 0 && !File.Exists(worker))
        {
            throw new DevHostConfigurationException($"{path}: the worker '{worker}' does not exist (is the app built?).");
        }

        bool indexing = !string.Equals(Text(description, "workerIndexing"), "false", StringComparison.OrdinalIgnoreCase);
        return new WorkerConfig(executable, worker, indexing);
    }

    private static string Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue(out string? s) ? s : obj[key]?.ToJsonString() ?? string.Empty;
}
