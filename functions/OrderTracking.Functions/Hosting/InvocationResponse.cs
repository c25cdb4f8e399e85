using System.Text.Json.Serialization;

namespace OrderTracking.Functions.Hosting;

/// <summary>
/// The handler's answer to an envelope invocation (reference §3.1). Always a JSON object: an empty 2xx body would
/// leave the host waiting until <c>functionTimeout</c>. We write storage through our own clients, so
/// <see cref="Outputs"/> stays empty.
/// </summary>
internal sealed record InvocationResponse
{
    [JsonPropertyName("Outputs")]
    public Dictionary<string, object?> Outputs { get; init; } = [];

    [JsonPropertyName("Logs")]
    public List<string> Logs { get; init; } = [];

    [JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; init; }

    public static InvocationResponse WithLogs(params string[] logs) => new() { Logs = [.. logs] };
}
