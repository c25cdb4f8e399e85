using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrderTracking.Benchmarks.Carriers;

/// <summary>
/// A FedEx- and DHL-shaped carrier on loopback that enforces a strict sliding one-second window of
/// <see cref="RequestsPerSecond"/> track calls (both routes together) and answers 429 (Retry-After: 1) past it,
/// counting each one. It records the first and last accepted call and the distinct numbers answered.
/// </summary>
internal sealed class RateLimitedCarrierStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StrictOneSecondWindow _window;
    private readonly Lock _lock = new();
    private int _accepted;
    private int _overLimit;
    private int _numbers;
    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);
    private long _firstAccepted;
    private long _lastAccepted;
    private readonly List<long> _acceptedAt = [];

    private RateLimitedCarrierStub(WebApplication app, int requestsPerSecond)
    {
        _app = app;
        _window = new StrictOneSecondWindow(requestsPerSecond);
    }

    public int RequestsPerSecond => _window.RequestsPerSecond;

    public int Accepted => _accepted;

    public int OverLimit => _overLimit;

    public int Numbers => _numbers;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Distinct tracking numbers answered (DHL route).</summary>
    public int Distinct
    {
        get
        {
            lock (_lock)
            {
                return _distinct.Count;
            }
        }
    }

    /// <summary>The gaps between consecutive accepted calls, in milliseconds.</summary>
    public double[] GapsMs()
    {
        lock (_lock)
        {
            return [.. _acceptedAt.Zip(_acceptedAt.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds)];
        }
    }

    /// <summary>The longest gaps: (seconds after the first accepted call, gap in seconds), longest first.</summary>
    public (double At, double Gap)[] LongestGaps(int count)
    {
        lock (_lock)
        {
            return [.. _acceptedAt.Zip(_acceptedAt.Skip(1), (a, b) => (Stopwatch.GetElapsedTime(_firstAccepted, a).TotalSeconds, Stopwatch.GetElapsedTime(a, b).TotalSeconds))
                .OrderByDescending(g => g.Item2).Take(count)];
        }
    }

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> of the first accepted call (0 before it).</summary>
    public long FirstAcceptedTimestamp
    {
        get
        {
            lock (_lock)
            {
                return _firstAccepted;
            }
        }
    }

    /// <summary>From the first accepted call to the last.</summary>
    public TimeSpan AcceptedSpan
    {
        get
        {
            lock (_lock)
            {
                return _firstAccepted == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_firstAccepted, _lastAccepted);
            }
        }
    }

    public static async Task<RateLimitedCarrierStub> StartAsync(int requestsPerSecond)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var stub = new RateLimitedCarrierStub(app, requestsPerSecond);
        app.MapPost("/oauth/token", () => Results.Text("""{"access_token":"t","expires_in":3599}""", "application/json"));
        app.MapPost("/track/v1/trackingnumbers", stub.TrackAsync);
        app.MapGet("/track/shipments", stub.TrackDhl);
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

    private IResult TrackDhl(HttpRequest request)
    {
        if (!Admit())
        {
            Interlocked.Increment(ref _overLimit);
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return Results.Json(new { status = 429, title = "Too Many Requests" }, statusCode: 429);
        }

        string number = request.Query["trackingNumber"].ToString();
        Interlocked.Increment(ref _numbers);
        lock (_lock)
        {
            _distinct.Add(number);
        }

        return Results.Json(new
        {
            shipments = new[]
            {
                new
                {
                    id = number,
                    status = new { timestamp = "2025-03-10T07:53:47Z", statusCode = "transit", status = "TRANSIT", description = "Shipment has departed from a DHL facility" },
                    events = new[] { new { timestamp = "2025-03-10T07:53:47Z", statusCode = "transit", description = "Shipment has departed from a DHL facility" } },
                },
            },
        });
    }

    // Strict sliding window: no more than RequestsPerSecond accepted calls in any 1 s span.
    private bool Admit()
    {
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            // Inside the lock, so accepted calls are recorded in the order the window admitted them.
            if (!_window.Admit(now))
            {
                return false;
            }

            _accepted++;
            _firstAccepted = _firstAccepted == 0 ? now : _firstAccepted;
            _acceptedAt.Add(now);
            _lastAccepted = now;
            return true;
        }
    }
}
