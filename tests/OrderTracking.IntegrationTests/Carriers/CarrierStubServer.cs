using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrderTracking.IntegrationTests.Carriers;

/// <summary>
/// UPS, FedEx, USPS and DHL on one loopback Kestrel server (127.0.0.1, free port), at the paths the real APIs use
/// (DESIGN §10, carriers.md §3). Each tracking number is answered with the fixture <see cref="Serve"/> assigned to it
/// (<c>Fixtures/Carriers/{carrier}/{scenario}.json</c>), any other number with the carrier's own "not found".
/// Track calls need the token the stub issued (or DHL's API key); every request is recorded.
/// </summary>
internal sealed class CarrierStubServer : IAsyncDisposable
{
    public const string DhlApiKey = "stub-dhl-key";

    private readonly ConcurrentDictionary<string, string> _scenarios = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Remaining, int RetryAfterSeconds)> _throttles = new(StringComparer.Ordinal);
    private readonly Lock _throttleLock = new();
    private WebApplication? _app;

    public ConcurrentQueue<StubCall> Calls { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<CarrierStubServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var stub = new CarrierStubServer { _app = builder.Build() };
        stub._app.Run(stub.HandleAsync);
        await stub._app.StartAsync();
        stub.BaseUrl = new Uri(stub._app.Urls.First());
        return stub;
    }

    /// <summary>Answers <paramref name="trackingNumber"/> with <c>{carrier}/{scenario}.json</c>.</summary>
    public void Serve(string trackingNumber, string scenario) => _scenarios[trackingNumber] = scenario;

    /// <summary>The next <paramref name="count"/> track calls to <paramref name="carrier"/> answer 429 with Retry-After.</summary>
    public void ThrottleNext(string carrier, int count, int retryAfterSeconds)
    {
        lock (_throttleLock)
        {
            _throttles[carrier] = (count, retryAfterSeconds);
        }
    }

    public IReadOnlyList<StubCall> TrackCalls(string carrier, string? number = null) =>
        [.. Calls.Where(c => c.Carrier == carrier && !c.IsToken && (number is null || c.Numbers.Contains(number)))];

    public int TokenCalls(string carrier) => Calls.Count(c => c.Carrier == carrier && c.IsToken);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync();
        HttpRequest request = context.Request;
        string path = request.Path.Value ?? string.Empty;
        Dictionary<string, string> headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        DateTimeOffset receivedAt = DateTimeOffset.UtcNow;

        (string carrier, bool isToken, string[] numbers) = Classify(request.Method, path, request.Query["trackingNumber"].ToString(), body);
        StubAnswer answer = isToken ? Token(carrier)
            : !Authorized(carrier, headers) ? new StubAnswer(401, """{"errors":[{"code":"401","message":"Unauthorized"}]}""")
            : TakeThrottle(carrier) is int retryAfter ? new StubAnswer(429, """{"errors":[{"code":"429","message":"Too Many Requests"}]}""", retryAfter)
            : StubResponses.Track(carrier, numbers, n => _scenarios.GetValueOrDefault(n));

        Calls.Enqueue(new StubCall(carrier, isToken, request.Method, path, request.QueryString.Value ?? string.Empty, headers, body, numbers, receivedAt, answer.Status));
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.Status == 404 && carrier == "dhl" ? "application/problem+json" : "application/json";
        if (answer.RetryAfterSeconds is int seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(answer.Body);
    }

    private static (string Carrier, bool IsToken, string[] Numbers) Classify(string method, string path, string dhlNumber, string body) => (method, path) switch
    {
        ("POST", "/security/v1/oauth/token") => ("ups", true, []),
        ("GET", _) when path.StartsWith("/api/track/v1/details/", StringComparison.Ordinal) => ("ups", false, [path[22..]]),
        ("POST", "/oauth/token") => ("fedex", true, []),
        ("POST", "/track/v1/trackingnumbers") => ("fedex", false, FedExNumbers(body)),
        ("POST", "/oauth2/v3/token") => ("usps", true, []),
        ("GET", _) when path.StartsWith("/tracking/v3/tracking/", StringComparison.Ordinal) => ("usps", false, [path[22..]]),
        ("GET", "/track/shipments") => ("dhl", false, [dhlNumber]),
        _ => ("unknown", false, []),
    };

    private static string[] FedExNumbers(string body)
    {
        JsonArray? infos = JsonNode.Parse(body)?["trackingInfo"]?.AsArray();
        return [.. (infos ?? []).Select(i => i?["trackingNumberInfo"]?["trackingNumber"]?.GetValue<string>() ?? string.Empty)];
    }

    private static StubAnswer Token(string carrier) =>
        carrier == "unknown" ? new StubAnswer(404, "{}") : new StubAnswer(200, StubResponses.Fixture(carrier, "token", string.Empty));

    private static bool Authorized(string carrier, Dictionary<string, string> headers) => carrier switch
    {
        "dhl" => headers.GetValueOrDefault("DHL-API-Key") == DhlApiKey,
        "unknown" => true,
        _ => headers.GetValueOrDefault("Authorization") == $"Bearer {carrier}-token-1",
    };

    private int? TakeThrottle(string carrier)
    {
        lock (_throttleLock)
        {
            if (_throttles.TryGetValue(carrier, out (int Remaining, int RetryAfterSeconds) plan) && plan.Remaining > 0)
            {
                _throttles[carrier] = (plan.Remaining - 1, plan.RetryAfterSeconds);
                return plan.RetryAfterSeconds;
            }

            return null;
        }
    }
}
