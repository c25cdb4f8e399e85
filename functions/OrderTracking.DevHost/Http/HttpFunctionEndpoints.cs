using System.Diagnostics;
using System.Text.Json.Nodes;
using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Invocation;

namespace OrderTracking.DevHost.Http;

/// <summary>
/// Maps every HTTP-triggered function on <c>/{routePrefix}/{route}</c> (route defaults to the function name) with its
/// <c>methods</c>, so ASP.NET Core routing gives templates, constraints, 404 and 405 as on the host; then enforces
/// <c>authLevel</c> (401) and either forwards the raw request (§2.6) or sends the §2.5 envelope and maps <c>Outputs</c>.
/// </summary>
internal sealed class HttpFunctionEndpoints(HostSettings host, FunctionKeyAuthorizer authorizer, HttpForwarder forwarder, FunctionExecutor executor, TimeProvider timeProvider)
{
    public void Map(IEndpointRouteBuilder endpoints, IEnumerable<FunctionDescriptor> functions) =>
        MapRoutes(endpoints, host.RoutePrefix, functions, HandleAsync);

    /// <summary>
    /// Maps each HTTP function on <c>/{routePrefix}/{route}</c> with its <c>methods</c> (none = any), so ASP.NET Core
    /// routing gives the host's templates, constraints, 404 and 405.
    /// </summary>
    internal static void MapRoutes(IEndpointRouteBuilder endpoints, string routePrefix, IEnumerable<FunctionDescriptor> functions, Func<HttpContext, FunctionDescriptor, Task> handle)
    {
        foreach (FunctionDescriptor function in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            string pattern = RoutePattern(routePrefix, function);
            string[] methods = (function.TriggerBinding.Raw["methods"] as JsonArray)?
                .Select(m => m!.GetValue<string>().ToUpperInvariant()).ToArray() ?? [];
            RequestDelegate handler = context => handle(context, function);
            IEndpointConventionBuilder endpoint = methods.Length == 0 ? endpoints.Map(pattern, handler) : endpoints.MapMethods(pattern, methods, handler);
            endpoint.WithDisplayName(function.Name);
        }
    }

    internal static string RoutePattern(string routePrefix, FunctionDescriptor function)
    {
        string route = (function.TriggerBinding.GetString("route") ?? function.Name).Trim('/');
        return routePrefix.Length == 0 ? "/" + route : $"/{routePrefix}/{route}";
    }

    private async Task HandleAsync(HttpContext context, FunctionDescriptor function)
    {
        FunctionAuthLevel? granted = authorizer.GrantedLevel(context.Request);
        if (!FunctionKeyAuthorizer.Allows(FunctionKeyAuthorizer.Required(function), granted))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (host.ForwardsHttp && function.IsHttpInAndOut)
        {
            await ForwardAsync(context, function).ConfigureAwait(false);
        }
        else
        {
            await InvokeEnvelopeAsync(context, function, granted).ConfigureAwait(false);
        }
    }

    private async Task ForwardAsync(HttpContext context, FunctionDescriptor function)
    {
        string invocationId = Guid.NewGuid().ToString();
        var elapsed = Stopwatch.StartNew();
        using CancellationTokenSource timeout = executor.CreateTimeout(context.RequestAborted);
        string? error = null;
        try
        {
            await forwarder.ForwardAsync(context, function, invocationId, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            error = $"transport error: {ex.Message}";
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            error = $"Timeout value of {host.FunctionTimeout} exceeded by function '{function.Name}'";
        }

        if (error is not null && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        executor.Complete(function, error is null, elapsed.Elapsed, invocationId, error);
    }

    private async Task InvokeEnvelopeAsync(HttpContext context, FunctionDescriptor function, FunctionAuthLevel? granted)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        JsonObject envelope = HttpEnvelopeBuilder.Build(function, context.Request, buffer.ToArray(), granted, timeProvider.GetUtcNow());
        InvocationResult result = await executor.RunAsync(function, envelope, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        BindingDescriptor? output = function.Outputs.FirstOrDefault(b => string.Equals(b.Type, "http", StringComparison.OrdinalIgnoreCase));
        JsonNode? value = output is null ? null : output.Name == "$return" ? result.ReturnValue : result.Outputs?[output.Name];
        try
        {
            await HttpResponseMapper.WriteAsync(context.Response, value, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }
}
