using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrderTracking.Benchmarks.Carriers;

namespace OrderTracking.Benchmarks.Soak;

/// <summary>
/// A DHL-shaped carrier (<c>GET /track/shipments?trackingNumber=</c>, reference carriers.md §1.4) on loopback that plays
/// a journey per number: the first answered poll is in transit, the second out for delivery, the third and later
/// delivered. It counts every request in a strict sliding one-second window of <see cref="RequestsPerSecond"/> and
/// answers 429 past it (counted as over the limit, the number a scale-out bug would raise). While
/// <see cref="FailFor"/> is in force it answers 503 to requests within the limit (they count in the window, as a real
/// carrier's would).
/// </summary>
internal sealed class JourneyCarrierStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StrictOneSecondWindow _window;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Step, DateTimeOffset First)> _answered = new(StringComparer.Ordinal);
    private long _failUntil;
    private int _accepted;
    private int _overLimit;
    private int _failed;

    private JourneyCarrierStub(WebApplication app, int requestsPerSecond)
    {
        _app = app;
        _window = new StrictOneSecondWindow(requestsPerSecond);
    }

    public int RequestsPerSecond => _window.RequestsPerSecond;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Requests answered 200.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Requests beyond the limit (answered 429).</summary>
    public int OverLimit => Volatile.Read(ref _overLimit);

    /// <summary>Requests within the limit answered 503 during a fault.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Distinct numbers answered at least once, and those that have been told "delivered".</summary>
    public (int Polled, int Delivered) Numbers()
    {
        lock (_lock)
        {
            return (_answered.Count, _answered.Values.Count(v => v.Step >= 3));
        }
    }

    public static async Task<JourneyCarrierStub> StartAsync(int requestsPerSecond)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var stub = new JourneyCarrierStub(app, requestsPerSecond);
        app.MapGet("/track/shipments", stub.Track);
        await app.StartAsync();
        stub.BaseUrl = new Uri(app.Urls.First());
        return stub;
    }

    /// <summary>Answers 503 to every request within the limit for <paramref name="duration"/> from now.</summary>
    public void FailFor(TimeSpan duration) =>
        Volatile.Write(ref _failUntil, Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private IResult Track(HttpRequest request)
    {
        long now = Stopwatch.GetTimestamp();
        if (!_window.Admit(now))
        {
            Interlocked.Increment(ref _overLimit);
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return Results.Json(new { status = 429, title = "Too Many Requests" }, statusCode: 429);
        }

        if (now < Volatile.Read(ref _failUntil))
        {
            Interlocked.Increment(ref _failed);
            return Results.Json(new { status = 503, title = "Service Unavailable" }, statusCode: 503);
        }

        string number = request.Query["trackingNumber"].ToString();
        int step;
        DateTimeOffset start;
        lock (_lock)
        {
            // The scans keep the times of the first answer, so a later poll adds events instead of moving them.
            (step, start) = _answered.TryGetValue(number, out (int Step, DateTimeOffset First) seen)
                ? (seen.Step + 1, seen.First)
                : (1, DateTimeOffset.UtcNow.AddHours(-3));
            _answered[number] = (step, start);
        }

        Interlocked.Increment(ref _accepted);
        var events = new List<object> { Event(start, "transit", "Shipment has departed from a DHL facility") };
        if (step >= 2)
        {
            events.Insert(0, Event(start.AddHours(1), "transit", "Shipment is out for delivery"));
        }

        if (step >= 3)
        {
            events.Insert(0, Event(start.AddHours(2), "delivered", "Delivered"));
        }

        object latest = events[0];
        return Results.Json(new { shipments = new[] { new { id = number, status = latest, events } } });
    }

    private static object Event(DateTimeOffset at, string statusCode, string description) =>
        new { timestamp = at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), statusCode, status = description, description };
}
