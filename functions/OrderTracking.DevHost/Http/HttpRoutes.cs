using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Http;

/// <summary>
/// Maps each HTTP function on <c>/{routePrefix}/{route}</c> (route defaults to the function name) with its
/// <c>methods</c> (none = any), so ASP.NET Core routing gives the host's templates, constraints, 404 and 405.
/// </summary>
internal static class HttpRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints, string routePrefix, IEnumerable<FunctionDescriptor> functions, Func<HttpContext, FunctionDescriptor, Task> handle)
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

    public static string RoutePattern(string routePrefix, FunctionDescriptor function)
    {
        string route = (function.TriggerBinding.GetString("route") ?? function.Name).Trim('/');
        return routePrefix.Length == 0 ? "/" + route : $"/{routePrefix}/{route}";
    }
}
