using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrderTracking.Benchmarks.Carriers;

/// <summary>
/// A FedEx-shaped carrier on loopback that enforces a strict sliding one-second window of
/// <see cref="RequestsPerSecond"/> track calls and answers 429 (Retry-After: 1) past it, counting each one.
/// </summary>
internal sealed class RateLimitedCarrierStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<long> _window = new();
    private readonly Lock _lock = new();
    private int _accepted;
    private int _overLimit;
    private int _numbers;

    private RateLimitedCarrierStub(WebApplication app, int requestsPerSecond)
    {
        _app = app;
        RequestsPerSecond = requestsPerSecond;
    }

    public int RequestsPerSecond { get; }

    public int Accepted => _accepted;

    public int OverLimit => _overLimit;

    public int Numbers => _numbers;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<RateLimitedCarrierStub> StartAsync(int requestsPerSecond)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var stub = new RateLimitedCarrierStub(app, requestsPerSecond);
        app.MapPost("/oauth/token", () => Results.Text("""{"access_token":"t","expires_in":3599}""", "application/json"));
        app.MapPost("/track/v1/trackingnumbers", stub.TrackAsync);
        await app.StartAsync();
        stub.BaseUrl = new Uri(app.Urls.First());
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> TrackAsync(HttpRequest request)
    {
        if (!Admit())
        {
            Interlocked.Increment(ref _overLimit);
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return Results.Json(new { errors = new[] { new { code = "RATE.LIMIT.EXCEEDED" } } }, statusCode: 429);
        }

        using JsonDocument body = await JsonDocument.ParseAsync(request.Body);
        string[] numbers = [.. body.RootElement.GetProperty("trackingInfo").EnumerateArray()
            .Select(i => i.GetProperty("trackingNumberInfo").GetProperty("trackingNumber").GetString()!)];
        Interlocked.Add(ref _numbers, numbers.Length);
        var results = numbers.Select(n => new
        {
            trackingNumber = n,
            trackResults = new[]
            {
                new
                {
                    trackingNumberInfo = new { trackingNumber = n },
                    latestStatusDetail = new { code = "IT", derivedCode = "IT", description = "In transit" },
                    scanEvents = new[] { new { date = "2025-03-11T02:14:00-06:00", eventType = "DP", eventDescription = "Departed FedEx location" } },
                },
            },
        });
        return Results.Json(new { transactionId = "drain", output = new { completeTrackResults = results } });
    }

    // Strict sliding window: no more than RequestsPerSecond accepted calls in any 1 s span.
    private bool Admit()
    {
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            while (_window.Count > 0 && Stopwatch.GetElapsedTime(_window.Peek(), now) >= TimeSpan.FromSeconds(1))
            {
                _window.Dequeue();
            }

            if (_window.Count >= RequestsPerSecond)
            {
                return false;
            }

            _window.Enqueue(now);
            _accepted++;
            return true;
        }
    }
}
