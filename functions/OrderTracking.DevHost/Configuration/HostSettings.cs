namespace OrderTracking.DevHost.Configuration;

/// <summary>What the DevHost uses from host.json (reference §1.1, §2.6, §3.4, §3.5).</summary>
internal sealed record HostSettings
{
    public required string ExecutablePath { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public required string WorkingDirectory { get; init; }

    public bool EnableForwardingHttpRequest { get; init; }

    public bool EnableProxyingHttpRequest { get; init; }

    /// <summary>True when HTTP-in/HTTP-out functions receive the raw request.</summary>
    public bool ForwardsHttp => EnableForwardingHttpRequest || EnableProxyingHttpRequest;

    public string RoutePrefix { get; init; } = "api";

    public QueueSettings Queues { get; init; } = new();

    /// <summary><c>functionTimeout</c>; null when unset or -1 (no limit).</summary>
    public TimeSpan? FunctionTimeout { get; init; }

    public TimeSpan InitializationTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
