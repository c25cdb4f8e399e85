using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace OrderTracking.DevHost.TestApp;

/// <summary>HTTP functions: echo the exact request, a keyed route, route values, a throwing function, settings.</summary>
public sealed class HttpFunctions
{
    /// <summary>Answers with what the worker received: method, path, query, headers and the body as Base64.</summary>
    [Function("Echo")]
    public async Task<IActionResult> EchoAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", Route = "echo/{*rest}")] HttpRequest request,
        FunctionContext context)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.CancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new JsonResult(new
        {
            method = request.Method,
            path = request.Path.Value,
            query = request.QueryString.Value,
            headers,
            body = Convert.ToBase64String(body.ToArray()),
            invocationId = context.InvocationId,
            processId = Environment.ProcessId,
        });
    }

    /// <summary>Needs a function key.</summary>
    [Function("Secure")]
    public IActionResult Secure([HttpTrigger(AuthorizationLevel.Function, "get", Route = "secure")] HttpRequest request) =>
        new ContentResult { Content = "secret ok", ContentType = "text/plain", StatusCode = 200 };

    /// <summary>Binds a route value by name (the host puts it in trigger_metadata) and answers with that status.</summary>
    [Function("Status")]
    public IActionResult Status(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{code:int}")] HttpRequest request,
        int code)
    {
        request.HttpContext.Response.Headers["x-test-code"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ContentResult { Content = $"status {code}", ContentType = "text/plain", StatusCode = code };
    }

    /// <summary>Throws before writing anything.</summary>
    [Function("Boom")]
    public IActionResult Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequest request) =>
        throw new InvalidOperationException("boom on purpose");

    /// <summary>Sleeps, then answers (for a worker killed mid-request).</summary>
    [Function("Slow")]
    public async Task<IActionResult> SlowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow/{ms:int}")] HttpRequest request,
        int ms,
        FunctionContext context)
    {
        Recorder.Write("slow", new { ms, processId = Environment.ProcessId, context.InvocationId });
        await Task.Delay(ms, context.CancellationToken);
        return new OkObjectResult("slept");
    }

    /// <summary>The value of an environment variable in the worker (the DevHost passes the app settings there).</summary>
    [Function("Env")]
    public IActionResult Env([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "env/{name}")] HttpRequest request, string name) =>
        Environment.GetEnvironmentVariable(name) is { } value
            ? new ContentResult { Content = value, ContentType = "text/plain; charset=utf-8", StatusCode = 200 }
            : new NotFoundResult();

    /// <summary>An HTTP answer plus a queue message written by the host only after success.</summary>
    [Function("Enqueue")]
    public async Task<EnqueueResult> EnqueueAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "enqueue")] HttpRequest request,
        FunctionContext context)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        string text = await reader.ReadToEndAsync(context.CancellationToken);
        if (text.Contains("\"fail\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("asked to fail");
        }

        return new EnqueueResult { Result = new AcceptedResult(), Message = text };
    }
}

/// <summary>Several outputs: the HTTP result and one queue message.</summary>
public sealed class EnqueueResult
{
    [HttpResult]
    public IActionResult? Result { get; set; }

    [QueueOutput("%DoneQueue%")]
    public string? Message { get; set; }
}
