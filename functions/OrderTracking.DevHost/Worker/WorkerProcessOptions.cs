namespace OrderTracking.DevHost.Worker;

/// <summary>What every worker process of one app gets.</summary>
/// <param name="AppRoot">The app root: working directory, <c>FUNCTIONS_APPLICATION_DIRECTORY</c> and <c>FUNCTIONS_WORKER_DIRECTORY</c>.</param>
/// <param name="Config">The app's <c>worker.config.json</c>.</param>
/// <param name="GrpcUri">The DevHost's gRPC address (<c>--functions-uri</c>).</param>
/// <param name="Settings">App settings added to the environment (a <c>Section:Key</c> name also as <c>Section__Key</c>).</param>
/// <param name="StartTimeout">How long to wait for <c>StartStream</c> (the host's 60 s).</param>
internal sealed record WorkerProcessOptions(string AppRoot, WorkerConfig Config, Uri GrpcUri, IReadOnlyDictionary<string, string?> Settings, TimeSpan StartTimeout);
