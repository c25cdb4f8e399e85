using OrderTracking.DevHost.Handler;
using OrderTracking.DevHost.Invocation;
using OrderTracking.DevHost.Logging;

namespace OrderTracking.DevHost.Http;

/// <summary>
/// Passes the raw request of an HTTP-in/HTTP-out function to the handler on its original path and query (including the
/// route prefix) and streams the handler's response back unchanged (reference §2.6). With legacy forwarding the body is
/// copied only when Content-Length &gt; 0, as <c>ToHttpRequestMessage</c> does; with proxying it is always streamed.
/// </summary>
internal sealed class HttpForwarder(HandlerSupervisor supervisor, HttpClient client, bool proxying, ILogger logger)
{
    private static readonly HashSet<string> s_hopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate",
    };

    public async Task ForwardAsync(HttpContext context, FunctionDescriptor function, string invocationId, CancellationToken cancellationToken)
    {
        Uri baseAddress = await supervisor.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        HttpRequest incoming = context.Request;
        var target = new Uri(baseAddress, incoming.Path.ToUriComponent() + incoming.QueryString.ToUriComponent());
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        request.Content = CreateContent(incoming, function);
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in incoming.Headers)
        {
            // Content-Length is set on the content itself; copying it as well would send it twice.
            if (s_hopByHop.Contains(name) || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        HandlerInvoker.AddHostHeaders(request, invocationId);
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
        {
            if (!s_hopByHop.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, cancellationToken).ConfigureAwait(false);
    }

    private StreamContent? CreateContent(HttpRequest incoming, FunctionDescriptor function)
    {
        if (incoming.ContentLength > 0)
        {
            var content = new StreamContent(incoming.Body);
            content.Headers.ContentLength = incoming.ContentLength;
            return content;
        }

        bool chunked = incoming.Headers.TransferEncoding.Any(v => v?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true);
        if (!chunked)
        {
            return null;
        }

        if (proxying)
        {
            return new StreamContent(incoming.Body);
        }

        DevHostLog.ChunkedBodyDropped(logger, function.Name);
        return null;
    }
}
