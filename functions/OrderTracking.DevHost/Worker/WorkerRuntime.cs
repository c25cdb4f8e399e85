using System.Text.Json.Nodes;
using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Http;
using OrderTracking.DevHost.Logging;
using OrderTracking.DevHost.Queues;
using OrderTracking.DevHost.Rpc;
using OrderTracking.DevHost.Timers;
using Yarp.ReverseProxy.Forwarder;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// Hosts an isolated-worker app root (reference §7): reads <c>worker.config.json</c> and host.json, starts the gRPC
/// server, then <c>WorkerCount</c> worker processes (the first one's metadata defines the functions, validated before
/// anything runs), and wires HTTP, one queue listener per queue function and worker, and one runner per timer.
/// </summary>
internal sealed class WorkerRuntime : IAsyncDisposable
{
    private const int LogCapacity = 2000;
    private readonly Lock _metadataLock = new();
    private readonly HostSettings _host;
    private readonly SettingExpander _expander;
    private readonly ILogger _logger;
    private readonly BoundedLogBuffer _logs = new(LogCapacity);
    private readonly QueueConnections _queues;
    private readonly HttpMessageInvoker _forwardClient;
    private TimeSpan _workerWait = TimeSpan.FromSeconds(10);
    private GrpcServer? _grpc;
    private WorkerPool? _pool;
    private WorkerInvoker _invoker = null!;
    private IReadOnlyList<FunctionDescriptor> _functions = [];
    private IReadOnlyList<RpcFunctionMetadata>? _metadata;
    private readonly Dictionary<string, TimerRunner> _timers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<QueueListener> _listeners = [];

    private WorkerRuntime(string appRoot, HostSettings host, SettingExpander expander, QueueConnections queues, string functionKey, TimeProvider timeProvider, ILogger logger)
    {
        AppRoot = appRoot;
        _host = host;
        _expander = expander;
        _queues = queues;
        FunctionKey = functionKey;
        TimeProvider = timeProvider;
        _logger = logger;
        _forwardClient = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });
    }

    public event Action<InvocationRecord>? Invoked;

    public string AppRoot { get; }

    public string RoutePrefix => _host.RoutePrefix;

    public IReadOnlyList<FunctionDescriptor> Functions => _functions;

    public string FunctionKey { get; }

    public IReadOnlyList<string> Logs => _logs.Snapshot();

    public TimeProvider TimeProvider { get; }

    public IReadOnlyList<WorkerProcess> Workers => _pool?.Workers ?? [];

    public static async Task<WorkerRuntime> StartAsync(DevHostOptions options, string functionKey, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (options.WorkerCount < 1)
        {
            throw new DevHostConfigurationException($"DevHost:WorkerCount must be 1 or more, not {options.WorkerCount}.");
        }

        ILogger logger = loggerFactory.CreateLogger("OrderTracking.DevHost");
        string appRoot = Path.GetFullPath(options.AppRoot);
        WorkerConfig config = WorkerConfig.Read(appRoot);
        HostSettings host = HostSettingsReader.ReadForWorker(appRoot);
        var settings = new Dictionary<string, string?>(options.Settings, StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = options.StorageConnectionString,
        };
        var expander = new SettingExpander(settings);
        bool base64 = host.Queues.Base64Encoding;
        StorageQueueAccess defaultQueues = StorageQueueAccess.FromConnectionString(options.StorageConnectionString, base64, options.TimeProvider);
        var connections = new QueueConnections(settings, defaultQueues, options.StorageConnectionString, cs => StorageQueueAccess.FromConnectionString(cs, base64, options.TimeProvider));
        var runtime = new WorkerRuntime(appRoot, host, expander, connections, functionKey, options.TimeProvider, logger);
        try
        {
            await runtime.StartWorkersAsync(options, config, settings, loggerFactory, cancellationToken).ConfigureAwait(false);
            runtime.Wire(options);
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void MapFunctions(IEndpointRouteBuilder endpoints)
    {
        IHttpForwarder forwarder = endpoints.ServiceProvider.GetRequiredService<IHttpForwarder>();
        var http = new WorkerHttpEndpoints(_host.RoutePrefix, new FunctionKeyAuthorizer(FunctionKey), _pool!, _invoker, forwarder, _forwardClient, _workerWait, _logger);
        http.Map(endpoints, _functions);
    }

    public IEnumerable<Func<CancellationToken, Task>> BackgroundLoops() =>
        _listeners.Select(l => (Func<CancellationToken, Task>)l.RunAsync).Concat(_timers.Values.Select(t => (Func<CancellationToken, Task>)t.RunAsync));

    public Task<InvocationResult> InvokeTimerAsync(string functionName, CancellationToken cancellationToken) =>
        _timers.TryGetValue(functionName, out TimerRunner? runner)
            ? runner.InvokeAsync(isPastDue: false, cancellationToken)
            : throw new ArgumentException($"'{functionName}' is not a timer function.", nameof(functionName));

    public async Task<InvocationResult> InvokeQueueAsync(string functionName, string input, CancellationToken cancellationToken)
    {
        FunctionDescriptor function = _functions.FirstOrDefault(f => f.Trigger == TriggerKind.Queue && f.Name.Equals(functionName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{functionName}' is not a queue function.", nameof(functionName));
        DateTimeOffset now = TimeProvider.GetUtcNow();
        var message = new ReceivedMessage(Guid.NewGuid().ToString(), "manual", input, 1, now, now.AddDays(7), now);
        (WorkerProcess worker, WorkerSession session) = await ReadyWorkerAsync(cancellationToken).ConfigureAwait(false);
        string invocationId = Guid.NewGuid().ToString();
        return await _invoker.RunAsync(worker, session, function, InvocationBuilder.Queue(function, session.FunctionId(function.Name), invocationId, message), cancellationToken).ConfigureAwait(false);
    }

    public Task KillWorkerAsync(int index) =>
        index >= 1 && index <= Workers.Count
            ? Workers[index - 1].KillAsync()
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {Workers.Count} workers (1-based).");

    public JsonObject Status() => new()
    {
        ["mode"] = "isolated",
        ["appRoot"] = AppRoot,
        ["functions"] = new JsonArray([.. _functions.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["trigger"] = f.Trigger.ToString().ToLowerInvariant(),
            ["binding"] = f.TriggerBinding.Raw.DeepClone(),
        })]),
        ["workers"] = new JsonArray([.. Workers.Select(w => (JsonNode)new JsonObject
        {
            ["index"] = w.Index,
            ["state"] = w.State.ToString(),
            ["processId"] = w.ProcessId,
            ["workerId"] = w.WorkerId,
            ["starts"] = w.Starts,
            ["httpUri"] = w.Session?.HttpUri?.AbsoluteUri,
        })]),
    };

    public async ValueTask DisposeAsync()
    {
        if (_pool is not null)
        {
            await _pool.DisposeAsync().ConfigureAwait(false);
        }

        if (_grpc is not null)
        {
            await _grpc.DisposeAsync().ConfigureAwait(false);
        }

        foreach (TimerRunner timer in _timers.Values)
        {
            timer.Dispose();
        }

        foreach (QueueListener listener in _listeners)
        {
            listener.Dispose();
        }

        _forwardClient.Dispose();
    }

    private async Task StartWorkersAsync(DevHostOptions options, WorkerConfig config, IReadOnlyDictionary<string, string?> settings, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var registry = new WorkerChannelRegistry();
        _grpc = await GrpcServer.StartAsync(registry, loggerFactory, cancellationToken).ConfigureAwait(false);
        var processOptions = new WorkerProcessOptions(AppRoot, config, _grpc.Address, settings, TimeSpan.FromSeconds(60));
        _invoker = new WorkerInvoker(_queues, _expander, _host.FunctionTimeout, _logs, _logger);
        _invoker.Invoked += record => Invoked?.Invoke(record);
        WorkerProcess[] workers = [.. Enumerable.Range(1, options.WorkerCount).Select(i => new WorkerProcess(i, processOptions, registry, AcceptMetadata, _logs, _logger))];
        foreach (WorkerProcess worker in workers)
        {
            worker.Log += _invoker.OnLog;
        }

        _pool = new WorkerPool(workers);
        try
        {
            // The first worker's metadata defines and validates the functions; the others start together after it.
            await workers[0].StartAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(workers.Skip(1).Select(w => w.StartAsync(cancellationToken))).ConfigureAwait(false);
        }
        catch (WorkerStartException ex)
        {
            string tail = string.Join(Environment.NewLine, _logs.Snapshot().TakeLast(20));
            throw new InvalidOperationException($"The worker did not start: {ex.Message}{Environment.NewLine}{tail}", ex);
        }
    }

    /// <summary>Validates the first worker's functions (unsupported bindings stop start-up); later workers must report the same names.</summary>
    private IReadOnlyList<RpcFunctionMetadata> AcceptMetadata(IReadOnlyList<RpcFunctionMetadata> metadata)
    {
        lock (_metadataLock)
        {
            if (_metadata is null)
            {
                _functions = [.. metadata.Select(ToDescriptor)];
                foreach (FunctionDescriptor function in _functions)
                {
                    foreach (BindingDescriptor binding in function.Bindings.Where(b => b.Type.StartsWith("queue", StringComparison.OrdinalIgnoreCase)))
                    {
                        _queues.For(function, binding);
                    }
                }

                _metadata = metadata;
            }
            else if (!metadata.Select(m => m.Name).Order(StringComparer.Ordinal).SequenceEqual(_metadata.Select(m => m.Name).Order(StringComparer.Ordinal)))
            {
                throw new WorkerStartException("a worker reported other functions than the first one (was the app rebuilt while the DevHost ran?)");
            }

            return metadata;
        }
    }

    private FunctionDescriptor ToDescriptor(RpcFunctionMetadata metadata)
    {
        var bindings = new JsonArray();
        foreach (string raw in metadata.RawBindings)
        {
            bindings.Add(JsonNode.Parse(raw));
        }

        return FunctionMetadataReader.Create(metadata.Name, bindings, $"function '{metadata.Name}' ({metadata.EntryPoint})", _expander);
    }

    private void Wire(DevHostOptions options)
    {
        _workerWait = options.WorkerWaitTimeout;
        TimeSpan lease = _host.FunctionTimeout is { } limit ? limit + TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(10);
        var listenerOptions = new QueueListenerOptions(_host.Queues, options.QueuePollingIntervalOverride ?? _host.Queues.MaxPollingInterval, lease, TimeProvider);
        foreach (FunctionDescriptor function in _functions.Where(f => f.Trigger == TriggerKind.Queue))
        {
            string queueName = _expander.ExpandStrict(function.TriggerBinding.GetString("queueName")!, function.Name).ToLowerInvariant();
            IQueueAccess access = _queues.For(function, function.TriggerBinding);
            foreach (WorkerProcess worker in Workers)
            {
                _listeners.Add(new QueueListener(function.Name, queueName, listenerOptions, access, (message, ct) => InvokeQueueMessageAsync(worker, function, message, ct), _logger)
                {
                    WaitUntilReady = ct => worker.WaitUntilReadyAsync(ct),
                });
            }
        }

        foreach (FunctionDescriptor function in _functions.Where(f => f.Trigger == TriggerKind.Timer))
        {
            NCrontab.CrontabSchedule schedule = TimerScheduleParser.Parse(_expander.ExpandStrict(function.TriggerBinding.GetString("schedule")!, function.Name), function.Name);
            var timerOptions = new TimerRunner.Options(function.TriggerBinding.GetBoolean("runOnStartup", false), function.TriggerBinding.Raw.ContainsKey("useMonitor") ? function.TriggerBinding.GetBoolean("useMonitor", true) : null);
            _timers[function.Name] = new TimerRunner(function.Name, schedule, timerOptions, (trigger, ct) => InvokeTimerOnAnyWorkerAsync(function, trigger, ct), TimeProvider, _logger);
        }

        DevHostLog.WorkersStarted(_logger, Workers.Count, _functions.Count);
    }

    private async Task<bool> InvokeQueueMessageAsync(WorkerProcess worker, FunctionDescriptor function, ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (worker.Session is not { } session)
        {
            return false; // the worker died between receive and invoke: a failure, so the message is retried
        }

        string invocationId = Guid.NewGuid().ToString();
        InvocationResult result = await _invoker.RunAsync(worker, session, function, InvocationBuilder.Queue(function, session.FunctionId(function.Name), invocationId, message), cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    private async Task<InvocationResult> InvokeTimerOnAnyWorkerAsync(FunctionDescriptor function, TimerTriggerData trigger, CancellationToken cancellationToken)
    {
        (WorkerProcess worker, WorkerSession session) = await ReadyWorkerAsync(cancellationToken).ConfigureAwait(false);
        string invocationId = Guid.NewGuid().ToString();
        return await _invoker.RunAsync(worker, session, function, InvocationBuilder.Timer(function, session.FunctionId(function.Name), invocationId, trigger, TimeProvider.GetLocalNow()), cancellationToken).ConfigureAwait(false);
    }

    private async Task<(WorkerProcess, WorkerSession)> ReadyWorkerAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await _pool!.WaitForReadyAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false) is { } ready)
            {
                return ready;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
