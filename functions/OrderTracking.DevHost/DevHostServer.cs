using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.DevHost.Handler;
using OrderTracking.DevHost.Http;
using OrderTracking.DevHost.Queues;
using OrderTracking.DevHost.Timers;

namespace OrderTracking.DevHost;

/// <summary>
/// A local stand-in for the Azure Functions host running a custom handler (DESIGN §2; reference §8): reads host.json and
/// every function.json, supervises the handler process, serves HTTP functions, drives queue triggers from storage
/// (Azurite) and fires timers.
/// </summary>
public sealed class DevHostServer : IAsyncDisposable
{
    private readonly DevHostComponents _components;
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _background = [];

    private DevHostServer(DevHostComponents components, WebApplication app, Uri baseAddress)
    {
        _components = components;
        _app = app;
        BaseAddress = baseAddress;
        components.Executor.Invoked += record => Invoked?.Invoke(record);
    }

    /// <summary>Raised after every invocation (HTTP, queue or timer) with its outcome and duration.</summary>
    public event Action<InvocationRecord>? Invoked;

    /// <summary>The public address, <c>http://localhost:{port}/</c> (<c>http://127.0.0.1:{port}/</c> when started on port 0).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The functions discovered in the app root.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions => _components.Functions;

    /// <summary>The key accepted for <c>authLevel: function</c> and <c>admin</c> (the configured one, or a generated one).</summary>
    public string FunctionKey => _components.FunctionKey;

    /// <summary>The latest handler stdout/stderr lines and invocation <c>Logs</c> (at most 2000 lines).</summary>
    public IReadOnlyList<string> HandlerLogs => _components.Logs.Snapshot();

    /// <summary>Reads the configuration, starts the handler and waits until it answers, then starts listening, polling queues and running timers.</summary>
    /// <exception cref="DevHostConfigurationException">host.json or a function.json is invalid.</exception>
    /// <exception cref="InvalidOperationException">The handler did not start.</exception>
    public static Task<DevHostServer> StartAsync(DevHostOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StartAsync(options, StorageQueueAccess.FromConnectionString(options.StorageConnectionString, options.TimeProvider), loggerFactory, cancellationToken);
    }

    /// <summary>The route template a HTTP function is served on, e.g. <c>/api/orders/{orderId}</c>.</summary>
    public string RoutePattern(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return HttpFunctionEndpoints.RoutePattern(_components.Host.RoutePrefix, function);
    }

    /// <summary>Kills the handler process; it is restarted like the host restarts a dead worker.</summary>
    public Task KillHandlerAsync() => _components.Supervisor.KillAsync();

    /// <summary>Fires a timer function now (waiting for a running invocation of the same timer first).</summary>
    public Task<InvocationResult> InvokeTimerAsync(string functionName, CancellationToken cancellationToken = default) =>
        _components.Timers.TryGetValue(functionName, out TimerRunner? runner)
            ? runner.InvokeAsync(isPastDue: false, cancellationToken)
            : throw new ArgumentException($"'{functionName}' is not a timer function.", nameof(functionName));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_background).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _components.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    internal static async Task<DevHostServer> StartAsync(DevHostOptions options, IQueueAccess queues, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        string functionKey = options.FunctionKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        DevHostComponents components = DevHostComponents.Create(options, queues, functionKey, loggerFactory);
        try
        {
            await components.Supervisor.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HandlerStartException ex)
        {
            string tail = string.Join(Environment.NewLine, components.Logs.Snapshot().TakeLast(20));
            await components.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}{tail}", ex);
        }

        WebApplication app = BuildWebApplication(options, components, loggerFactory);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var server = new DevHostServer(components, app, ResolveBaseAddress(app, options.Port));
        server.StartBackgroundWork();
        return server;
    }

    private static WebApplication BuildWebApplication(DevHostOptions options, DevHostComponents components, ILoggerFactory loggerFactory)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = components.AppRoot });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddRoutingCore().AddRouting(); // full routing: regex route constraints work, as on the host
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024; // the host's default request limit is 100 MB
            if (options.Port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
            else
            {
                kestrel.ListenLocalhost(options.Port);
            }
        });
        WebApplication app = builder.Build();
        components.HttpEndpoints.Map(app, components.Functions);
        AdminEndpoints.Map(app, components);
        return app;
    }

    private static Uri ResolveBaseAddress(WebApplication app, int configuredPort)
    {
        if (configuredPort != 0)
        {
            return new Uri($"http://localhost:{configuredPort}/");
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(new Uri(address), "/");
    }

    private void StartBackgroundWork()
    {
        CancellationToken stopping = _stopping.Token;
        foreach (QueueListener listener in _components.QueueListeners)
        {
            _background.Add(Task.Run(() => listener.RunAsync(stopping), CancellationToken.None));
        }

        foreach (TimerRunner timer in _components.Timers.Values)
        {
            _background.Add(Task.Run(() => timer.RunAsync(stopping), CancellationToken.None));
        }
    }
}
