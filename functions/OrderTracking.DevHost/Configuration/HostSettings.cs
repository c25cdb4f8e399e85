namespace OrderTracking.DevHost.Configuration;

/// <summary>What the DevHost uses from an isolated-worker app's host.json (reference §3.1, §4.4, §7).</summary>
internal sealed record HostSettings
{
    /// <summary><c>extensions.http.routePrefix</c> (default <c>api</c>), without slashes.</summary>
    public string RoutePrefix { get; init; } = "api";

    public QueueSettings Queues { get; init; } = new();

    /// <summary><c>functionTimeout</c>; null when unset or -1 (no limit).</summary>
    public TimeSpan? FunctionTimeout { get; init; }
}
