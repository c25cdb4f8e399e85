using System.Text.Json.Nodes;
using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Handler;
using OrderTracking.DevHost.Http;
using OrderTracking.DevHost.Invocation;
using OrderTracking.DevHost.Queues;
using OrderTracking.DevHost.Timers;

namespace OrderTracking.DevHost;

/// <summary>
/// The custom-handler runtime of the first version (host.json <c>customHandler</c>, one function.json per function):
/// kept beside the isolated-worker runtime until the function app has moved (reference: functions-custom-handler.md).
/// </summary>
internal sealed class DevHostComponents : IDevHostRuntime
{
    private const int LogCapacity = 2000;
    private readonly HttpClient _handlerClient;

    private DevHostComponents(string appRoot, HostSettings host, IReadOnlyList<FunctionDescriptor> functions, string functionKey, BoundedLogBuffer logs, HandlerSupervisor supervisor, HttpClient handlerClient)
    {
        LogBuffer = logs;
        AppRoot = appRoot;
        Host = host;
        Functions = functions;
        FunctionKey = functionKey;
        Supervisor = supervisor;
        _handlerClient = handlerClient;
    }

    public event Action<InvocationRecord>? Invoked;

    public string AppRoot { get; }

    public HostSettings Host { get; }

    public string RoutePrefix => Host.RoutePrefix;

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public string FunctionKey { get; }

    public HandlerSupervisor Supervisor { get; }

    public BoundedLogBuffer LogBuffer { get; }

    public IReadOnlyList<string> Logs => LogBuffer.Snapshot();

    public FunctionExecutor Executor { get; private set; } = null!;

    public HttpFunctionEndpoints HttpEndpoints { get; private set; } = null!;

    public IReadOnlyList<QueueListener> QueueListeners { get; private set; } = [];

    public IReadOnlyDictionary<string, TimerRunner> Timers { get; private set; } = new Dictionary<string, TimerRunner>();

    public TimeProvider TimeProvider { get; private set; } = TimeProvider.System;

    public static async Task<DevHostComponents> StartAsync(DevHostOptions options, string functionKey, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ILogger logger = loggerFactory.CreateLogger("OrderTracking.DevHost");
        var settings = new Dictionary<string, string?>(options.Settings, StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = options.StorageConnectionString,
        };
        var expander = new SettingExpander(settings);
        string appRoot = Path.GetFullPath(options.AppRoot);
        HostSettings host = HostSettingsReader.Read(appRoot, expander);
        IReadOnlyList<FunctionDescriptor> functions = FunctionMetadataReader.ReadAll(appRoot, expander);
        IQueueAccess queues = StorageQueueAccess.FromConnectionString(options.StorageConnectionString, host.Queues.Base64Encoding, options.TimeProvider);

        // Host -> handler: no overall timeout here; functionTimeout is enforced per invocation.
        var handlerClient = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var logs = new BoundedLogBuffer(LogCapacity);
        var supervisor = new HandlerSupervisor(host, appRoot, settings, logs, logger);
        var components = new DevHostComponents(appRoot, host, functions, functionKey, logs, supervisor, handlerClient);
        components.Wire(options, queues, expander, logger);
        try
        {
            await supervisor.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HandlerStartException ex)
        {
            string tail = string.Join(Environment.NewLine, logs.Snapshot().TakeLast(20));
            await components.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}{tail}", ex);
        }

        return components;
    }

    public void MapFunctions(IEndpointRouteBuilder endpoints) => HttpEndpoints.Map(endpoints, Functions);

    public IEnumerable<Func<CancellationToken, Task>> BackgroundLoops() =>
        QueueListeners.Select(l => (Func<CancellationToken, Task>)l.RunAsync).Concat(Timers.Values.Select(t => (Func<CancellationToken, Task>)t.RunAsync));

    public Task<InvocationResult> InvokeTimerAsync(string functionName, CancellationToken cancellationToken) =>
        Timers.TryGetValue(functionName, out TimerRunner? runner)
            ? runner.InvokeAsync(isPastDue: false, cancellationToken)
            : throw new ArgumentException($"'{functionName}' is not a timer function.", nameof(functionName));

    public Task<InvocationResult> InvokeQueueAsync(string functionName, string input, CancellationToken cancellationToken)
    {
        FunctionDescriptor function = Functions.FirstOrDefault(f => f.Trigger == TriggerKind.Queue && f.Name.Equals(functionName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{functionName}' is not a queue function.", nameof(functionName));
        DateTimeOffset now = TimeProvider.GetUtcNow();
        var message = new ReceivedMessage(Guid.NewGuid().ToString(), "manual", input, 1, now, now.AddDays(7), now);
        return Executor.RunAsync(function, QueueEnvelopeBuilder.Build(function, message, now), cancellationToken);
    }

    public Task KillWorkerAsync(int index) =>
        index == 1 ? Supervisor.KillAsync() : throw new ArgumentOutOfRangeException(nameof(index), index, "A custom handler runs one process.");

    public JsonObject Status() => new()
    {
        ["mode"] = "customHandler",
        ["appRoot"] = AppRoot,
        ["functions"] = new JsonArray([.. Functions.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["trigger"] = f.Trigger.ToString().ToLowerInvariant() })]),
    };

    public async ValueTask DisposeAsync()
    {
        await Supervisor.DisposeAsync().ConfigureAwait(false);
        foreach (TimerRunner timer in Timers.Values)
        {
            timer.Dispose();
        }

        foreach (QueueListener listener in QueueListeners)
        {
            listener.Dispose();
        }

        _handlerClient.Dispose();
    }

    private void Wire(DevHostOptions options, IQueueAccess queues, SettingExpander expander, ILogger logger)
    {
        TimeProvider = options.TimeProvider;
        var invoker = new HandlerInvoker(Supervisor, _handlerClient);
        Executor = new FunctionExecutor(invoker, new OutputWriter(queues, expander, logger), Host.FunctionTimeout, LogBuffer, logger);
        Executor.Invoked += record => Invoked?.Invoke(record);
        var forwarder = new HttpForwarder(Supervisor, _handlerClient, Host.EnableProxyingHttpRequest, logger);
        HttpEndpoints = new HttpFunctionEndpoints(Host, new FunctionKeyAuthorizer(FunctionKey), forwarder, Executor, TimeProvider);
        TimeSpan lease = Host.FunctionTimeout is { } limit ? limit + TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(10);
        var listenerOptions = new QueueListenerOptions(Host.Queues, options.QueuePollingIntervalOverride ?? Host.Queues.MaxPollingInterval, lease, TimeProvider);
        QueueListeners = Functions
            .Where(f => f.Trigger == TriggerKind.Queue)
            .Select(f => new QueueListener(
                f.Name,
                expander.ExpandStrict(f.TriggerBinding.GetString("queueName")!, f.Name).ToLowerInvariant(),
                listenerOptions,
                queues,
                async (message, ct) => (await Executor.RunAsync(f, QueueEnvelopeBuilder.Build(f, message, TimeProvider.GetUtcNow()), ct).ConfigureAwait(false)).Succeeded,
                logger))
            .ToArray();
        Timers = Functions
            .Where(f => f.Trigger == TriggerKind.Timer)
            .ToDictionary(
                f => f.Name,
                f => new TimerRunner(
                    f.Name,
                    TimerScheduleParser.Parse(expander.ExpandStrict(f.TriggerBinding.GetString("schedule")!, f.Name), f.Name),
                    new TimerRunner.Options(f.TriggerBinding.GetBoolean("runOnStartup", defaultValue: false), UseMonitor: false),
                    (trigger, ct) => Executor.RunAsync(f, TimerEnvelopeBuilder.Build(f, trigger.IsPastDue, TimeProvider.GetUtcNow()), ct),
                    TimeProvider,
                    logger),
                StringComparer.OrdinalIgnoreCase);
    }
}
