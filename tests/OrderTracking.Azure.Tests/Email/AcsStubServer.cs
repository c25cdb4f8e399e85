using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrderTracking.Azure.Tests.Email;

/// <summary>One request as the stub received it.</summary>
internal sealed record StubRequest(string Method, string PathAndQuery, string Host, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>A scripted answer: status, JSON fixture file (or null), extra headers.</summary>
internal sealed record StubResponse(int Status, string? Fixture = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A Kestrel server on 127.0.0.1:0 standing in for ACS. It checks the HMAC signature itself (from the request it
/// received and the access key, independently of the client code) and answers 401 when it does not match,
/// otherwise replays <c>script</c> in order (the last entry repeats).
/// </summary>
internal sealed class AcsStubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubRequest> _requests = new();
    private readonly StubResponse[] _script;
    private int _answered;

    private AcsStubServer(WebApplication app, StubResponse[] script)
    {
        _app = app;
        _script = script;
    }

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<StubRequest> Requests => [.. _requests];

    public static async Task<AcsStubServer> StartAsync(string? accessKey, params StubResponse[] script)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new AcsStubServer(app, script);
        app.Run(context => server.HandleAsync(context, accessKey));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address + "/");
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context, string? accessKey)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = new StubRequest(
            context.Request.Method,
            context.Request.Path.Value + context.Request.QueryString.Value,
            context.Request.Host.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray());
        _requests.Enqueue(request);

        if (accessKey is not null && !AcsSignature.IsValid(request, accessKey))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":{"code":"Denied","message":"Denied by the stub: bad HMAC signature."}}""");
            return;
        }

        int index = Math.Min(Interlocked.Increment(ref _answered) - 1, _script.Length - 1);
        StubResponse answer = _script[index];
        context.Response.StatusCode = answer.Status;
        foreach ((string name, string value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Fixture is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Email", answer.Fixture)));
        }
    }
}
