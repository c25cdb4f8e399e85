using System.Text.Json.Nodes;

namespace OrderTracking.DevHost;

/// <summary>
/// How a <see cref="DevHostServer"/> runs an app root: an isolated worker over gRPC (<c>worker.config.json</c>), or the
/// custom handler of the first version (<c>customHandler</c> in host.json), kept until the function app has moved.
/// </summary>
internal interface IDevHostRuntime : IAsyncDisposable
{
    string AppRoot { get; }

    string RoutePrefix { get; }

    IReadOnlyList<FunctionDescriptor> Functions { get; }

    string FunctionKey { get; }

    IReadOnlyList<string> Logs { get; }

    TimeProvider TimeProvider { get; }

    event Action<InvocationRecord>? Invoked;

    /// <summary>Maps the HTTP functions on the public listener.</summary>
    void MapFunctions(IEndpointRouteBuilder endpoints);

    /// <summary>The queue listeners and timers, each run until the token fires.</summary>
    IEnumerable<Func<CancellationToken, Task>> BackgroundLoops();

    /// <summary>Fires a timer now (waiting for a running invocation of the same timer first).</summary>
    Task<InvocationResult> InvokeTimerAsync(string functionName, CancellationToken cancellationToken);

    /// <summary>Runs a queue function now with <paramref name="input"/> as the message, outside the queue.</summary>
    Task<InvocationResult> InvokeQueueAsync(string functionName, string input, CancellationToken cancellationToken);

    /// <summary>Kills worker <paramref name="index"/> (1-based) as a crash would; it is restarted.</summary>
    Task KillWorkerAsync(int index);

    /// <summary>The body of <c>/admin/host/status</c>.</summary>
    JsonObject Status();
}
