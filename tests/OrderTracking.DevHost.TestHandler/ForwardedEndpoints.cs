using System.Text;
using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.TestHandler;

/// <summary>HTTP-only functions, which the DevHost forwards on their <c>/api/...</c> paths.</summary>
internal static class ForwardedEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapMethods("/api/echo/{**rest}", ["GET", "POST", "PUT"], EchoAsync);
        app.MapGet("/api/secure", () => Results.Text("secret"));
        app.MapGet("/api/items/{id:int}/{name?}", (int id, string? name) => Results.Json(new { id, name }));
        app.MapGet("/api/env", (IConfiguration configuration) => Results.Json(new
        {
            customHandlerPort = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT"),
            httpWorkerPort = Environment.GetEnvironmentVariable("FUNCTIONS_HTTPWORKER_PORT"),
            customHandlerWorkerId = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_WORKER_ID"),
            httpWorkerId = Environment.GetEnvironmentVariable("FUNCTIONS_HTTPWORKER_ID"),
            appRoot = Environment.GetEnvironmentVariable("FUNCTIONS_APP_ROOT_PATH"),
            sectionSetting = configuration["TestHandler:Marker"],
            storage = configuration["AzureWebJobsStorage"],
        }));
    }

    private static async Task<IResult> EchoAsync(HttpContext context, RequestRecorder recorder)
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        byte[] body = buffer.ToArray();
        recorder.Record("Echo", context.Request, Encoding.UTF8.GetString(body), started);
        var headers = new JsonObject();
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in context.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        context.Response.Headers["X-Echo"] = "handler";
        var echo = new JsonObject
        {
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.Value,
            ["query"] = context.Request.QueryString.Value,
            ["headers"] = headers,
            ["bodyBase64"] = Convert.ToBase64String(body),
        };
        return Results.Text(echo.ToJsonString(), "application/json", Encoding.UTF8, StatusCodes.Status201Created);
    }
}
