using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>What an endpoint answered in process: status, body, headers.</summary>
internal sealed record HttpAnswer(int Status, string Body, IHeaderDictionary Headers);

/// <summary>
/// Calls an HTTP function's handler in process the way ASP.NET Core would (a <see cref="DefaultHttpContext"/> with the
/// request set up, the returned <see cref="IResult"/> executed), for the fake-clock tests.
/// </summary>
internal static class InProcessHttp
{
    public static async Task<HttpAnswer> CallAsync(Func<HttpContext, Task<IResult>> handler, Action<HttpRequest>? arrange = null)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        arrange?.Invoke(http.Request);
        IResult result = await handler(http);
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        return new HttpAnswer(http.Response.StatusCode, await new StreamReader(http.Response.Body).ReadToEndAsync(), http.Response.Headers);
    }

    /// <summary>Sets a body with its content type and length.</summary>
    public static void Body(HttpRequest request, string contentType, byte[] body)
    {
        request.ContentType = contentType;
        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body);
    }
}
