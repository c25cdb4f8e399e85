using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrderTracking.Functions.Tests.HostileInput;

/// <summary>
/// Every HTTP function of the app (found by its <c>[Function]</c> and <c>[HttpTrigger]</c> attributes, so a new one is
/// served without a change here) behind ASP.NET Core routing on an in-memory <see cref="TestServer"/>, with the app's
/// real services (AddFunctionApp) on Azurite. Requests are built as server-side <see cref="HttpContext"/>s, so headers
/// and paths can hold what no HTTP client would send. What the Functions host adds (the function-key check, Kestrel's
/// header limits) is not here; the DevHost sample covers it.
/// </summary>
internal sealed class InProcessFunctionHost : IAsyncDisposable
{
    /// <summary>Set on answers to requests that matched no function (ASP.NET Core's own empty 404/405).</summary>
    public const string UnroutedHeader = "X-Test-Unrouted";

    private readonly WebApplication _app;

    private InProcessFunctionHost(WebApplication app, ConcurrentQueue<LogEntry> logs)
    {
        _app = app;
        Server = app.GetTestServer();
        Logs = logs;
    }

    public TestServer Server { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every log entry the app wrote.</summary>
    public ConcurrentQueue<LogEntry> Logs { get; }

    /// <summary>The HTTP functions: name, methods, route (without the <c>api/</c> prefix), authorization level.</summary>
    public static IReadOnlyList<(string Name, string[] Methods, string Route, AuthorizationLevel Level, MethodInfo Method)> HttpFunctions { get; } =
    [
        .. from type in typeof(FunctionAppServiceCollectionExtensions).Assembly.GetTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)
           where function is not null && trigger is not null
           select (function.Name, trigger.Methods!.Select(m => m.ToUpperInvariant()).ToArray(), trigger.Route!, trigger.AuthLevel, method),
    ];

    public static async Task<InProcessFunctionHost> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        var logs = new ConcurrentQueue<LogEntry>();
        builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        replace?.Invoke(builder.Services);
        builder.Services.AddProblemDetails();
        builder.Services.AddFunctionApp(builder.Configuration);

        WebApplication app = builder.Build();
        app.UseRouting();
        app.Use((http, next) =>
        {
            if (http.GetEndpoint() is null)
            {
                http.Response.Headers[UnroutedHeader] = "1";
            }

            return next(http);
        });
        foreach ((string name, string[] methods, string route, _, MethodInfo method) in HttpFunctions)
        {
            app.MapMethods("api/" + route, methods, (HttpContext http) => InvokeAsync(method, http)).WithName(name);
        }

        await app.StartAsync();
        var host = new InProcessFunctionHost(app, logs);
        return host;
    }

    /// <summary>Binds the function's parameters as the worker does (the request, route values by name, the abort token) and runs its result.</summary>
    private static async Task InvokeAsync(MethodInfo method, HttpContext http)
    {
        object? target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(http.RequestServices, method.DeclaringType!);
        object?[] arguments = [.. method.GetParameters().Select(object? (p) =>
            p.ParameterType == typeof(HttpRequest) ? http.Request
            : p.ParameterType == typeof(CancellationToken) ? http.RequestAborted
            : p.ParameterType == typeof(string) ? http.GetRouteValue(p.Name!)?.ToString()
            : throw new NotSupportedException($"{method.Name}: parameter {p.Name} of type {p.ParameterType} is not bound here"))];
        object? returned;
        try
        {
            returned = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        IResult result = returned switch
        {
            Task<IResult> task => await task,
            IResult value => value,
            _ => throw new NotSupportedException($"{method.Name} returned {returned?.GetType().Name ?? "null"}"),
        };
        await result.ExecuteAsync(http);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);

    private sealed class CapturingLoggerProvider(ConcurrentQueue<LogEntry> target) : ILoggerProvider
    {

        public ILogger CreateLogger(string categoryName) => new Logger(target, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<LogEntry> target, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                target.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
        }
    }
}
