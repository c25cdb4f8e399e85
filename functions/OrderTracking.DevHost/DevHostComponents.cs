using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Handler;
using OrderTracking.DevHost.Http;
using OrderTracking.DevHost.Invocation;
using OrderTracking.DevHost.Logging;
using OrderTracking.DevHost.Queues;
using OrderTracking.DevHost.Timers;

namespace OrderTracking.DevHost;

/// <summary>The parts of a <see cref="DevHostServer"/>, wired from the options and the app root's configuration.</summary>
internal sealed class DevHostComponents : IAsyncDisposable
{
    private const int LogCapacity = 2000;
    private readonly HttpClient _handlerClient;

    private DevHostComponents(string appRoot, HostSettings host, IReadOnlyList<FunctionDescriptor> functions, string functionKey, BoundedLogBuffer logs, HandlerSupervisor supervisor, HttpClient handlerClient)
    {
        Logs = logs;
        AppRoot = appRoot;
        Host = host;
        Functions = functions;
        FunctionKey = functionKey;
        Supervisor = supervisor;
        _handlerClient = handlerClient;
    }

    public string AppRoot { get; }

    public HostSettings Host { get; }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public string FunctionKey { get; }

    public HandlerSupervisor Supervisor { get; }

    public BoundedLogBuffer Logs { get; }

    public FunctionExecutor Executor { get; private set; } = null!;

    public HttpFunctionEndpoints HttpEndpoints { get; private set; } = null!;

    public IReadOnlyList<QueueListener> QueueListeners { get; private set; } = [];

    public IReadOnlyDictionary<string, TimerRunner> Timers { get; private set; } = new Dictionary<string, TimerRunner>();

    public TimeProvider TimeProvider { get; private set; } = TimeProvider.System;

    public static DevHostComponents Create(DevHostOptions options, IQueueAccess queues, string functionKey, ILoggerFactory loggerFactory)
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
        if (!host.Queues.Base64Encoding)
        {
            DevHostLog.MessageEncodingNoneIgnored(logger);
        }

        // Host -> handler: no overall timeout here; functionTimeout is enforced per invocation (reference §3.5).
        var handlerClient = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var logs = new BoundedLogBuffer(LogCapacity);
        var supervisor = new HandlerSupervisor(host, appRoot, settings, logs, logger);
        var components = new DevHostComponents(appRoot, host, functions, functionKey, logs, supervisor, handlerClient);
        components.Wire(options, queues, expander, logger);
        return components;
    }

    public async ValueTask DisposeAsync()
    {
        await Supervisor.DisposeAsync().ConfigureAwait(false);
        foreach (TimerRunner timer in Timers.Values)
        {
            timer.Dispose();
        }

        _handlerClient.Dispose();
    }

    private void Wire(DevHostOptions options, IQueueAccess queues, SettingExpander expander, ILogger logger)
    {
        TimeProvider = options.TimeProvider;
        var invoker = new HandlerInvoker(Supervisor, _handlerClient);
        Executor = new FunctionExecutor(invoker, new OutputWriter(queues, expander, logger), Host.FunctionTimeout, Logs, logger);
        var forwarder = new HttpForwarder(Supervisor, _handlerClient, Host.EnableProxyingHttpRequest, logger);
        HttpEndpoints = new HttpFunctionEndpoints(Host, new FunctionKeyAuthorizer(FunctionKey), forwarder, Executor, TimeProvider);
        TimeSpan lease = Host.FunctionTimeout is { } limit ? limit + TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(10);
        var listenerOptions = new QueueListenerOptions(Host.Queues, options.QueuePollingIntervalOverride ?? Host.Queues.MaxPollingInterval, lease, TimeProvider);
        QueueListeners = Functions
            .Where(f => f.Trigger == TriggerKind.Queue)
            .Select(f => new QueueListener(f, expander.ExpandStrict(f.TriggerBinding.GetString("queueName")!, f.Name).ToLowerInvariant(), listenerOptions, queues, Executor, logger))
            .ToArray();
        Timers = Functions
            .Where(f => f.Trigger == TriggerKind.Timer)
            .ToDictionary(
                f => f.Name,
                f => new TimerRunner(f, TimerScheduleParser.Parse(expander.ExpandStrict(f.TriggerBinding.GetString("schedule")!, f.Name), f.Name), Executor, TimeProvider, logger),
                StringComparer.OrdinalIgnoreCase);
    }
}
