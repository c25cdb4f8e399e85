using System.Text.Json.Nodes;

namespace OrderTracking.DevHost;

/// <summary>The outcome of one invocation of an isolated worker over gRPC.</summary>
/// <param name="InvocationId">The <c>X-Azure-Functions-InvocationId</c> sent.</param>
/// <param name="Succeeded">True for a 2xx answer with a JSON object body within <c>functionTimeout</c>.</param>
/// <param name="Outputs">The <c>Outputs</c> object, or null.</param>
/// <param name="ReturnValue">The <c>ReturnValue</c>, or null.</param>
/// <param name="Logs">The <c>Logs</c> lines.</param>
/// <param name="Error">Why the invocation failed, or null.</param>
public sealed record InvocationResult(
    string InvocationId,
    bool Succeeded,
    JsonObject? Outputs,
    JsonNode? ReturnValue,
    IReadOnlyList<string> Logs,
    string? Error)
{
    /// <summary>True when the invocation failed because its worker exited or was killed (HTTP callers get 503).</summary>
    public bool WorkerUnavailable { get; init; }

    /// <summary>The 1-based worker that ran it (isolated workers), or null.</summary>
    public int? Worker { get; init; }
}
