namespace OrderTracking.DevHost;

/// <summary>A finished invocation, raised by <see cref="DevHostServer.Invoked"/>.</summary>
/// <param name="FunctionName">The function name.</param>
/// <param name="Trigger">The trigger kind.</param>
/// <param name="Succeeded">Whether the invocation succeeded.</param>
/// <param name="Duration">Time from sending the request to the end of the invocation.</param>
/// <param name="InvocationId">The invocation id sent to the worker.</param>
/// <param name="Error">Why it failed, or null.</param>
public sealed record InvocationRecord(string FunctionName, TriggerKind Trigger, bool Succeeded, TimeSpan Duration, string InvocationId, string? Error)
{
    /// <summary>The 1-based worker process that ran it (isolated workers), or null.</summary>
    public int? Worker { get; init; }
}
