using OrderTracking.DevHost.Rpc;

namespace OrderTracking.DevHost.Worker;

/// <summary>One started and loaded worker process: its channel, its ASP.NET Core address and its function ids.</summary>
internal sealed record WorkerSession(WorkerChannel Channel, Uri? HttpUri, IReadOnlyDictionary<string, string> FunctionIds, IReadOnlyList<RpcFunctionMetadata> Metadata)
{
    public string FunctionId(string functionName) =>
        FunctionIds.TryGetValue(functionName, out string? id)
            ? id
            : throw new InvalidOperationException($"The worker did not report function '{functionName}'.");
}
