using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Http;

/// <summary>
/// The admin surface, with the master key (the DevHost's one key), as on the real host:
/// <c>POST /admin/functions/{name}</c> with <c>{"input": "..."}</c> runs a timer or queue function now (202, or 404 for
/// an unknown or HTTP function); <c>GET /admin/host/status</c> lists the functions and the workers.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, Worker.WorkerRuntime runtime)
    {
        var authorizer = new FunctionKeyAuthorizer(runtime.FunctionKey);
        endpoints.MapMethods("/admin/functions/{name}", ["POST"], context => RunAsync(context, runtime, authorizer));
        endpoints.MapMethods("/admin/host/status", ["GET"], context => StatusAsync(context, runtime, authorizer));
    }

    private static async Task StatusAsync(HttpContext context, Worker.WorkerRuntime runtime, FunctionKeyAuthorizer authorizer)
    {
        if (!FunctionKeyAuthorizer.Allows(FunctionAuthLevel.Admin, authorizer.GrantedLevel(context.Request)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        JsonObject status = runtime.Status();
        status["state"] = "Running";
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(status.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task RunAsync(HttpContext context, Worker.WorkerRuntime runtime, FunctionKeyAuthorizer authorizer)
    {
        if (!FunctionKeyAuthorizer.Allows(FunctionAuthLevel.Admin, authorizer.GrantedLevel(context.Request)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        string name = (string)context.Request.RouteValues["name"]!;
        FunctionDescriptor? function = runtime.Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (function is null || function.Trigger == TriggerKind.Http)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        string input = await ReadInputAsync(context).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        _ = function.Trigger == TriggerKind.Timer
            ? runtime.InvokeTimerAsync(function.Name, CancellationToken.None)
            : runtime.InvokeQueueAsync(function.Name, input, CancellationToken.None);
    }

    private static async Task<string> ReadInputAsync(HttpContext context)
    {
        try
        {
            JsonNode? body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return body?["input"]?.GetValue<string>() ?? string.Empty;
        }
        catch (System.Text.Json.JsonException)
        {
            return string.Empty;
        }
    }
}
