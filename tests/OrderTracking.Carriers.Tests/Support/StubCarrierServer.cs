using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrderTracking.Carriers.Tests.Support;

/// <summary>A carrier stand-in on Kestrel (127.0.0.1, free port) answering scripted responses per route.</summary>
public sealed class StubCarrierServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<StubRequest, StubResponse>> _routes = new(StringComparer.Ordinal);

    private StubCarrierServer(WebApplication app) => _app = app;

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<StubCarrierServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new StubCarrierServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First());
        return server;
    }

    /// <summary>Answers <paramref name="method"/> on paths starting with <paramref name="pathPrefix"/>.</summary>
    public StubCarrierServer On(string method, string pathPrefix, Func<StubRequest, StubResponse> respond)
    {
        _routes[$"{method} {pathPrefix}"] = respond;
        return this;
    }

    /// <summary>Answers with the given responses in order; the last one repeats.</summary>
    public StubCarrierServer OnSequence(string method, string pathPrefix, params StubResponse[] responses)
    {
        int index = -1;
        return On(method, pathPrefix, _ => responses[Math.Min(Interlocked.Increment(ref index), responses.Length - 1)]);
    }

    public int Count(string pathPrefix) => Requests.Count(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync();
        var request = new StubRequest(
            context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
        Requests.Enqueue(request);
        Func<StubRequest, StubResponse>? respond = _routes
            .Where(r => r.Key.StartsWith(request.Method + " ", StringComparison.Ordinal) && request.Path.StartsWith(r.Key[(request.Method.Length + 1)..], StringComparison.Ordinal))
            .OrderByDescending(r => r.Key.Length).Select(r => r.Value).FirstOrDefault();
        StubResponse response = respond?.Invoke(request) ?? new StubResponse(404, "{}");
        context.Response.StatusCode = response.Status;
        foreach ((string name, string value) in response.Headers ?? [])
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body);
    }
}

public sealed record StubRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}

public sealed record StubResponse(int Status, string Body, string ContentType = "application/json", (string Name, string Value)[]? Headers = null)
{
    public static StubResponse Fixture(string carrier, string name, int status = 200) =>
        new(status, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", carrier, name)));

    public static StubResponse Json(string body, int status = 200) => new(status, body);
}
