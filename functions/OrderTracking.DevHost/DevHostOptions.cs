namespace OrderTracking.DevHost;

/// <summary>Options of the local Functions-host stand-in (<see cref="DevHostServer"/>).</summary>
public sealed class DevHostOptions
{
    /// <summary>
    /// The app root: an isolated worker's build or publish output (<c>worker.config.json</c>, <c>host.json</c>,
    /// <c>functions.metadata</c>, the app's DLL). Required.
    /// </summary>
    public required string AppRoot { get; set; }

    /// <summary>Port of the public HTTP listener. Default 7071; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 7071;

    /// <summary>Storage connection string for queue triggers and outputs (Azurite). Passed to the worker as <c>AzureWebJobsStorage</c>. Required.</summary>
    public required string StorageConnectionString { get; set; }

    /// <summary>
    /// App settings: passed to the worker's environment (a <c>Section:Key</c> name is also passed as <c>Section__Key</c>)
    /// and used for <c>%Setting%</c> resolution. <c>AzureWebJobsStorage</c> is added automatically. Default empty.
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Key for <c>authLevel: function</c> and <c>admin</c> functions, accepted in the <c>x-functions-key</c> header or the
    /// <c>code</c> query parameter. Default null: a random key is generated (see <see cref="DevHostServer.FunctionKey"/>).
    /// </summary>
    public string? FunctionKey { get; set; }

    /// <summary>Overrides host.json <c>extensions.queues.maxPollingInterval</c> (tests). Default null: host.json value.</summary>
    public TimeSpan? QueuePollingIntervalOverride { get; set; }

    /// <summary>
    /// How many worker processes to run, standing for the instances of a scaled-out app. They
    /// share the queues (each has its own listeners) and take HTTP in turn; timers run once. Default 1.
    /// </summary>
    public int WorkerCount { get; set; } = 1;

    /// <summary>
    /// How long an HTTP request waits for a worker that is starting again before it is answered
    /// 503 with <c>Retry-After</c>. Default 10 s.
    /// </summary>
    public TimeSpan WorkerWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock for timers and envelope timestamps. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
