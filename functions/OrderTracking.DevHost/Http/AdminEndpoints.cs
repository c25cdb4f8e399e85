using System.Text.Json.Nodes;
using OrderTracking.DevHost.Invocation;
using OrderTracking.DevHost.Queues;

namespace OrderTracking.DevHost.Http;

/// <summary>
/// <c>POST /admin/functions/{name}</c> with <c>{"input": "..."}</c> and the master key runs a non-HTTP function now, as
/// on the real host (reference §6, "Manually run a non HTTP-triggered function"). Answers 202, or 404 for an unknown
/// or HTTP function.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, DevHostComponents components)
    {
        var authorizer = new FunctionKeyAuthorizer(components.FunctionKey);
        endpoints.MapMethods("/admin/functions/{name}", ["POST"], context => RunAsync(context, components, authorizer));
    }

    private static async Task RunAsync(HttpContext context, DevHostComponents components, FunctionKeyAuthorizer authorizer)
    {
        if (!FunctionKeyAuthorizer.Allows(FunctionAuthLevel.Admin, authorizer.GrantedLevel(context.Request)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        string name = (string)context.Request.RouteValues["name"]!;
        FunctionDescriptor? function = components.Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (function is null || function.Trigger == TriggerKind.Http)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        string input = await ReadInputAsync(context).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        _ = function.Trigger == TriggerKind.Timer
            ? components.Timers[function.Name].InvokeAsync(isPastDue: false, CancellationToken.None)
            : components.Executor.RunAsync(function, QueueEnvelopeBuilder.Build(function, ManualMessage(input, components.TimeProvider.GetUtcNow()), components.TimeProvider.GetUtcNow()), CancellationToken.None);
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

    private static ReceivedMessage ManualMessage(string input, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString(), "manual", input, 1, now, now.AddDays(7), now);
}
