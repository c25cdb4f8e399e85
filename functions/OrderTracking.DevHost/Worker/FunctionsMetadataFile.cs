using System.Text.Json.Nodes;
using OrderTracking.DevHost.Rpc;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// Reads <c>functions.metadata</c> (reference §1.1) into <see cref="RpcFunctionMetadata"/>, for a worker that answers
/// <c>use_default_metadata_indexing</c> (worker indexing off): the host then loads from the file, with a new GUID per function.
/// </summary>
internal static class FunctionsMetadataFile
{
    public const string FileName = "functions.metadata";

    public static IReadOnlyList<RpcFunctionMetadata> Read(string appRoot)
    {
        string path = Path.Combine(appRoot, FileName);
        if (!File.Exists(path))
        {
            throw new WorkerStartException($"{path}: not found, and the worker asked the host to index functions from it.");
        }

        JsonArray entries = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path)) as JsonArray
            ?? throw new DevHostConfigurationException($"{path}: the root must be a JSON array.");
        var result = new List<RpcFunctionMetadata>();
        foreach (JsonObject entry in entries.OfType<JsonObject>())
        {
            var metadata = new RpcFunctionMetadata
            {
                Name = entry["name"]?.GetValue<string>() ?? throw new DevHostConfigurationException($"{path}: a function has no 'name'."),
                ScriptFile = entry["scriptFile"]?.GetValue<string>() ?? string.Empty,
                EntryPoint = entry["entryPoint"]?.GetValue<string>() ?? string.Empty,
                Language = entry["language"]?.GetValue<string>() ?? "dotnet-isolated",
                Directory = appRoot,
                FunctionId = Guid.NewGuid().ToString(),
            };
            foreach (JsonObject binding in (entry["bindings"] as JsonArray ?? []).OfType<JsonObject>())
            {
                metadata.RawBindings.Add(binding.ToJsonString());
                string name = binding["name"]?.GetValue<string>() ?? string.Empty;
                string direction = binding["direction"]?.GetValue<string>() ?? "In";
                string? dataType = binding["dataType"]?.GetValue<string>();
                metadata.Bindings[name] = new BindingInfo
                {
                    Type = binding["type"]?.GetValue<string>() ?? string.Empty,
                    Direction = direction.Equals("out", StringComparison.OrdinalIgnoreCase) ? BindingInfo.Types.Direction.Out
                        : direction.Equals("inout", StringComparison.OrdinalIgnoreCase) ? BindingInfo.Types.Direction.Inout : BindingInfo.Types.Direction.In,
                    DataType = dataType?.ToUpperInvariant() switch
                    {
                        "STRING" => BindingInfo.Types.DataType.String,
                        "BINARY" => BindingInfo.Types.DataType.Binary,
                        "STREAM" => BindingInfo.Types.DataType.Stream,
                        _ => BindingInfo.Types.DataType.Undefined,
                    },
                };
            }

            result.Add(metadata);
        }

        return result;
    }
}
