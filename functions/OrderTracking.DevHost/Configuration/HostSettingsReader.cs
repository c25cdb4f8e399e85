using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Configuration;

/// <summary>Reads host.json (reference §1.1, §4.4, §7) into <see cref="HostSettings"/>.</summary>
internal static class HostSettingsReader
{
    private static readonly JsonDocumentOptions s_jsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// Reads host.json of an isolated-worker app root: the worker command comes from <c>worker.config.json</c>, so
    /// only <c>extensions.http</c>, <c>extensions.queues</c> and <c>functionTimeout</c> matter here.
    /// </summary>
    public static HostSettings ReadForWorker(string appRoot)
    {
        string path = Path.Combine(appRoot, "host.json");
        if (!File.Exists(path))
        {
            throw new DevHostConfigurationException($"{path}: not found; an isolated-worker app root holds host.json next to the app's DLL (copy it to the output).");
        }

        JsonObject root = ParseObject(path);
        if (root["customHandler"] is not null)
        {
            throw new DevHostConfigurationException($"{path}: has a 'customHandler' section, but the app root also holds worker.config.json (an isolated worker); remove one of them.");
        }

        JsonObject? extensions = root["extensions"] as JsonObject;
        return new HostSettings
        {
            RoutePrefix = (extensions?["http"]?["routePrefix"]?.GetValue<string>() ?? "api").Trim('/'),
            Queues = ReadQueues(extensions?["queues"] as JsonObject, path),
            FunctionTimeout = ReadTimeout(root, path),
        };
    }

    internal static JsonObject ParseObject(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: s_jsonOptions) as JsonObject
                ?? throw new DevHostConfigurationException($"{path}: the root must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new DevHostConfigurationException($"{path}: invalid JSON ({ex.Message}).", ex);
        }
    }

    private static QueueSettings ReadQueues(JsonObject? queues, string path)
    {
        var defaults = new QueueSettings();
        if (queues is null)
        {
            return defaults;
        }

        string encoding = GetString(queues, "messageEncoding");
        if (encoding.Length > 0 && encoding is not ("base64" or "none" or "Base64" or "None"))
        {
            throw new DevHostConfigurationException($"{path}: 'extensions.queues.messageEncoding' must be 'base64' or 'none', not '{encoding}'.");
        }

        int batchSize = GetInt(queues, "batchSize") ?? defaults.BatchSize;
        if (batchSize is < 1 or > 32)
        {
            throw new DevHostConfigurationException($"{path}: 'extensions.queues.batchSize' must be between 1 and 32.");
        }

        int? newBatchThreshold = GetInt(queues, "newBatchThreshold");
        if (newBatchThreshold is < 0)
        {
            throw new DevHostConfigurationException($"{path}: 'extensions.queues.newBatchThreshold' must not be negative.");
        }

        TimeSpan maxPolling = ParseTimeSpan(queues, "maxPollingInterval", path) ?? defaults.MaxPollingInterval;
        return new QueueSettings
        {
            BatchSize = batchSize,
            NewBatchThreshold = newBatchThreshold is 0 ? null : newBatchThreshold,
            MaxPollingInterval = maxPolling < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : maxPolling,
            VisibilityTimeout = ParseTimeSpan(queues, "visibilityTimeout", path) ?? defaults.VisibilityTimeout,
            MaxDequeueCount = GetInt(queues, "maxDequeueCount") ?? defaults.MaxDequeueCount,
            Base64Encoding = encoding.Length == 0 || encoding.Equals("base64", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static TimeSpan? ReadTimeout(JsonObject root, string path)
    {
        if (GetString(root, "functionTimeout") is "-1" or "")
        {
            return null;
        }

        TimeSpan? timeout = ParseTimeSpan(root, "functionTimeout", path);
        return timeout is { } t && t <= TimeSpan.Zero ? null : timeout;
    }

    private static TimeSpan? ParseTimeSpan(JsonObject obj, string key, string path)
    {
        JsonNode? node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue(out double milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return TimeSpan.TryParse(GetString(obj, key), CultureInfo.InvariantCulture, out TimeSpan value)
            ? value
            : throw new DevHostConfigurationException($"{path}: '{key}' is not a time span (hh:mm:ss).");
    }

    private static string GetString(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue(out string? s) ? s : string.Empty;

    private static int? GetInt(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue(out int i) ? i : null;
}
