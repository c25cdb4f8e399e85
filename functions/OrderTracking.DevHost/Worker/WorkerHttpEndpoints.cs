using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using OrderTracking.DevHost.Http;
using OrderTracking.DevHost.Logging;
using OrderTracking.DevHost.Rpc;
using Yarp.ReverseProxy.Forwarder;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// HTTP functions of an isolated worker with the ASP.NET Core integration (reference §3): routing and
/// <c>authLevel</c> as on the host, then, at the same time, an <see cref="InvocationRequest"/> over gRPC (route values
/// and query as binding data) and the raw request forwarded by YARP to the worker's <c>HttpUri</c> with
/// <c>x-ms-invocation-id</c>. The worker's answer is buffered until the invocation completes: a failed invocation
/// answers 500 (the worker would have sent 200 with an empty body), a worker that died answers 503, and no ready worker
/// answers 503 with <c>Retry-After</c> — never a hang.
/// </summary>
internal sealed class WorkerHttpEndpoints(
    string routePrefix,
    FunctionKeyAuthorizer authorizer,
    WorkerPool pool,
    WorkerInvoker invoker,
    IHttpForwarder forwarder,
    HttpMessageInvoker client,
    TimeSpan workerWait,
    ILogger logger)
{
    // The hop to the worker's Kestrel is cleartext HTTP/1.1, as on the host (reference §8).
    private static readonly ForwarderRequestConfig s_config = new()
    {
        ActivityTimeout = TimeSpan.FromSeconds(240),
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    public void Map(IEndpointRouteBuilder endpoints, IEnumerable<FunctionDescriptor> functions) =>
        HttpRoutes.Map(endpoints, routePrefix, functions, HandleAsync);

    private async Task HandleAsync(HttpContext context, FunctionDescriptor function)
    {
        if (!FunctionKeyAuthorizer.Allows(FunctionKeyAuthorizer.Required(function), authorizer.GrantedLevel(context.Request)))
        {
            await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, "A valid function key is required (x-functions-key header or ?code=).").ConfigureAwait(false);
            return;
        }

        if (await pool.WaitForReadyAsync(workerWait, context.RequestAborted).ConfigureAwait(false) is not { } target)
        {
            context.Response.Headers.RetryAfter = "5";
            await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "No worker is running; the DevHost is restarting it.").ConfigureAwait(false);
            return;
        }

        (WorkerProcess worker, WorkerSession session) = target;
        if (session.HttpUri is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status500InternalServerError, "The worker did not advertise HttpUri: call ConfigureFunctionsWebApplication() in Program.cs.").ConfigureAwait(false);
            return;
        }

        string invocationId = Guid.NewGuid().ToString();
        InvocationRequest request = InvocationBuilder.Http(function, session.FunctionId(function.Name), invocationId, context.Request);
        IHttpResponseBodyFeature original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        ForwarderError error;
        InvocationResult result;
        try
        {
            // As the host does (reference §3.2 step 3): start forwarding the request first, then send the invocation, so
            // the worker's function side does not sit waiting for a request that has not left yet.
            Task<ForwarderError> forward = forwarder.SendAsync(context, session.HttpUri.AbsoluteUri, client, s_config, new InvocationTransformer(invocationId), context.RequestAborted).AsTask();
            Task<InvocationResult> invocation = invoker.RunAsync(worker, session, function, request, context.RequestAborted);
            error = await forward.ConfigureAwait(false);
            if (error != ForwarderError.None)
            {
                DevHostLog.ForwardFailed(logger, function.Name, invocationId, error.ToString(), context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message ?? string.Empty);
            }

            result = await invocation.ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(original);
        }

        if (!result.Succeeded || error != ForwarderError.None)
        {
            context.Response.Clear();
            int status = result.WorkerUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            await WriteProblemAsync(context, status, $"Function '{function.Name}' failed (invocation {invocationId}); see the DevHost log.").ConfigureAwait(false);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(detail, Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>
    /// Same path and query under <c>HttpUri</c>, every request header, <c>x-ms-invocation-id</c>, and
    /// <c>X-Forwarded-For/Host/Proto</c> so the worker (which trusts them from loopback) sees the public address.
    /// </summary>
    private sealed class InvocationTransformer(string invocationId) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
            proxyRequest.Headers.Remove("x-ms-invocation-id");
            proxyRequest.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
            IPAddress? remote = httpContext.Connection.RemoteIpAddress;
            if (remote is not null)
            {
                proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", remote.ToString());
            }

            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Host", httpContext.Request.Host.Value);
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", httpContext.Request.Scheme);
        }
    }
}
