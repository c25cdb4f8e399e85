using System.Text.Json.Nodes;
using OrderTracking.DevHost.Timers;

namespace OrderTracking.DevHost.Configuration;

/// <summary>
/// Turns a function's raw bindings (the worker's <c>raw_bindings</c>, reference §2.2) into a
/// <see cref="FunctionDescriptor"/>, and refuses what the DevHost cannot honour, naming the function and the binding.
/// </summary>
internal static class FunctionMetadataReader
{
    private static readonly string[] s_supportedTypes = ["httpTrigger", "http", "queueTrigger", "queue", "timerTrigger"];

    /// <summary>
    /// Builds and validates a function from its raw bindings; <paramref name="context"/> names the function in error
    /// messages.
    /// </summary>
    public static FunctionDescriptor Create(string name, JsonArray? array, string context, SettingExpander expander)
    {
        string path = context;
        if (array is null || array.Count == 0)
        {
            throw new DevHostConfigurationException($"{path}: 'bindings' must be a non-empty array.");
        }

        var bindings = new List<BindingDescriptor>();
        foreach (JsonNode? node in array)
        {
            bindings.Add(ReadBinding(node as JsonObject, path));
        }

        BindingDescriptor[] triggers = bindings.Where(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (triggers.Length != 1)
        {
            throw new DevHostConfigurationException($"{path}: a function needs exactly one trigger binding, found {triggers.Length}.");
        }

        BindingDescriptor trigger = triggers[0];
        TriggerKind kind = trigger.Type.ToUpperInvariant() switch
        {
            "HTTPTRIGGER" => TriggerKind.Http,
            "QUEUETRIGGER" => TriggerKind.Queue,
            _ => TriggerKind.Timer,
        };
        Validate(kind, trigger, bindings, path, expander);
        return new FunctionDescriptor(name, kind, trigger, bindings);
    }

    private static BindingDescriptor ReadBinding(JsonObject? obj, string path)
    {
        if (obj is null)
        {
            throw new DevHostConfigurationException($"{path}: every binding must be a JSON object.");
        }

        var binding = new BindingDescriptor(string.Empty, string.Empty, string.Empty, obj);
        string type = binding.GetString("type") ?? string.Empty;
        string name = binding.GetString("name") ?? string.Empty;
        string direction = binding.GetString("direction") ?? string.Empty;
        if (!s_supportedTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new DevHostConfigurationException(
                $"{path}: binding '{name}' has type '{type}', which the DevHost does not support (it supports {string.Join(", ", s_supportedTypes)}). Use an SDK client for other services, or run under the real Functions host.");
        }

        if (name.Length == 0)
        {
            throw new DevHostConfigurationException($"{path}: binding of type '{type}' has no 'name'.");
        }

        if (!direction.Equals("in", StringComparison.OrdinalIgnoreCase) && !direction.Equals("out", StringComparison.OrdinalIgnoreCase))
        {
            throw new DevHostConfigurationException($"{path}: binding '{name}' must have direction 'in' or 'out'.");
        }

        return binding with { Name = name, Type = type, Direction = direction };
    }

    private static void Validate(TriggerKind kind, BindingDescriptor trigger, List<BindingDescriptor> bindings, string path, SettingExpander expander)
    {
        foreach (BindingDescriptor b in bindings.Where(b => b.Type.StartsWith("queue", StringComparison.OrdinalIgnoreCase)))
        {
            if (string.IsNullOrWhiteSpace(b.GetString("queueName")))
            {
                throw new DevHostConfigurationException($"{path}: queue binding '{b.Name}' is missing 'queueName'.");
            }
        }

        if (kind == TriggerKind.Timer)
        {
            string schedule = trigger.GetString("schedule")
                ?? throw new DevHostConfigurationException($"{path}: timer binding '{trigger.Name}' is missing 'schedule'.");
            TimerScheduleParser.Parse(expander.ExpandStrict(schedule, path), path);
        }

        if (kind == TriggerKind.Http)
        {
            string authLevel = trigger.GetString("authLevel") ?? "function";
            if (authLevel.ToUpperInvariant() is not ("ANONYMOUS" or "FUNCTION" or "ADMIN"))
            {
                throw new DevHostConfigurationException($"{path}: authLevel '{authLevel}' is not anonymous, function or admin.");
            }
        }
        else if (bindings.Any(b => string.Equals(b.Type, "http", StringComparison.OrdinalIgnoreCase)))
        {
            throw new DevHostConfigurationException($"{path}: an 'http' output needs an 'httpTrigger'.");
        }
    }
}
