using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.DevHost.Http;
using OrderTracking.DevHost.Worker;

namespace OrderTracking.DevHost;

/// <summary>
/// A local stand-in for the Azure Functions host (DESIGN §2): for a .NET isolated-worker app root (one holding
/// <c>worker.config.json</c>) it starts the worker processes and speaks the host's gRPC protocol to them (reference
/// functions-isolated-worker.md), serves HTTP functions, drives queue triggers from storage (Azurite) and fires timers.
/// </summary>
public sealed class DevHostServer : IAsyncDisposable
{
    private readonly WorkerRuntime _runtime;
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _background = [];

    private DevHostServer(WorkerRuntime runtime, WebApplication app, Uri baseAddress)
    {
        _runtime = runtime;
        _app = app;
        BaseAddress = baseAddress;
        runtime.Invoked += record => Invoked?.Invoke(record);
    }

    /// <summary>Raised after every invocation (HTTP, queue or timer) with its outcome and duration.</summary>
    public event Action<InvocationRecord>? Invoked;

    /// <summary>The public address, <c>http://localhost:{port}/</c> (<c>http://127.0.0.1:{port}/</c> when started on port 0).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The functions of the app, from the worker's metadata.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions => _runtime.Functions;

    /// <summary>The key accepted for <c>authLevel: function</c> and <c>admin</c> (the configured one, or a generated one).</summary>
    public string FunctionKey => _runtime.FunctionKey;

    /// <summary>The latest worker stdout/stderr lines and function logs (at most 2000 lines).</summary>
    public IReadOnlyList<string> HandlerLogs => _runtime.Logs;

    /// <summary>The worker processes, 1-based <see cref="WorkerProcess.Index"/>.</summary>
    internal IReadOnlyList<WorkerProcess> Workers => _runtime.Workers;

    /// <summary>Reads the configuration, starts the worker(s) and waits until they are loaded, then starts listening, polling queues and running timers.</summary>
    /// <exception cref="DevHostConfigurationException">host.json, worker.config.json or a function's bindings are invalid or unsupported.</exception>
    /// <exception cref="InvalidOperationException">The worker did not start.</exception>
    public static async Task<DevHostServer> StartAsync(DevHostOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        string functionKey = options.FunctionKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        if (!WorkerConfig.Exists(Path.GetFullPath(options.AppRoot)))
        {
            throw new DevHostConfigurationException(
                $"{Path.GetFullPath(options.AppRoot)}: no {WorkerConfig.FileName}; the app root is a .NET isolated-worker build or publish folder (dotnet build / dotnet publish of a project using Microsoft.Azure.Functions.Worker.Sdk).");
        }

        WorkerRuntime runtime = await WorkerRuntime.StartAsync(options, functionKey, loggerFactory, cancellationToken).ConfigureAwait(false);
        try
        {
            WebApplication app = BuildWebApplication(options, runtime, loggerFactory);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var server = new DevHostServer(runtime, app, ResolveBaseAddress(app, options.Port));
            server.StartBackgroundWork();
            return server;
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The route template a HTTP function is served on, e.g. <c>/api/orders/{orderId}</c>.</summary>
    public string RoutePattern(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return HttpRoutes.RoutePattern(_runtime.RoutePrefix, function);
    }

    /// <summary>Kills the first worker process; it is restarted like the host restarts a dead worker.</summary>
    public Task KillHandlerAsync() => _runtime.KillWorkerAsync(1);

    /// <summary>Kills worker <paramref name="index"/> (1-based) as a crash would; it is restarted with back-off.</summary>
    public Task KillWorkerAsync(int index) => _runtime.KillWorkerAsync(index);

    /// <summary>Fires a timer function now (waiting for a running invocation of the same timer first).</summary>
    public Task<InvocationResult> InvokeTimerAsync(string functionName, CancellationToken cancellationToken = default) =>
        _runtime.InvokeTimerAsync(functionName, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_background).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _runtime.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static WebApplication BuildWebApplication(DevHostOptions options, WorkerRuntime runtime, ILoggerFactory loggerFactory)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = runtime.AppRoot });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddRoutingCore().AddRouting(); // full routing: regex route constraints work, as on the host
        builder.Services.AddHttpForwarder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024; // the host's default request limit is 100 MB
            // The hop to the worker adds four headers (x-ms-invocation-id, X-Forwarded-For/Host/Proto) and the worker's
            // Kestrel keeps its defaults (100 headers, 32 KB). A request that fits here but not there never reached the
            // function, and its invocation timed out into a 500 (found by the hostile-input sample): refuse it here, 431.
            kestrel.Limits.MaxRequestHeaderCount = 100 - 4;
            kestrel.Limits.MaxRequestHeadersTotalSize = (32 * 1024) - 1024;
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
        runtime.MapFunctions(app);
        AdminEndpoints.Map(app, runtime);
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
        foreach (Func<CancellationToken, Task> loop in _runtime.BackgroundLoops())
        {
            _background.Add(Task.Run(() => loop(stopping), CancellationToken.None));
        }
    }
}
