using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderTracking.IntegrationTests.Carriers;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.ScaleOut;

/// <summary>
/// A DHL stand-in that holds a strict sliding one-second window of <see cref="Limit"/> track calls: past it, 429 with
/// Retry-After 1, counted as over the limit. Found answers otherwise (a customs hold).
/// </summary>
internal sealed class StrictDhlStub : IAsyncDisposable
{
    public const int Limit = 8;

    private readonly Queue<long> _window = new();
    private readonly Lock _lock = new();
    private readonly HashSet<string> _polled = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _overLimit;

    public Uri BaseAddress { get; private set; } = null!;

    public int OverLimit => Volatile.Read(ref _overLimit);

    public int Polled
    {
        get
        {
            lock (_lock)
            {
                return _polled.Count;
            }
        }
    }

    public static async Task<StrictDhlStub> StartAsync()
    {
        var stub = new StrictDhlStub();
        (stub._app, stub.BaseAddress) = await LoopbackServer.StartAsync(app => app.MapGet("/track/shipments", stub.Track));
        return stub;
    }

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;

    private IResult Track(HttpRequest request)
    {
        string number = request.Query["trackingNumber"].ToString();
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            while (_window.Count > 0 && Stopwatch.GetElapsedTime(_window.Peek(), now) >= TimeSpan.FromSeconds(1))
            {
                _window.Dequeue();
            }

            if (_window.Count >= Limit)
            {
                Interlocked.Increment(ref _overLimit);
                request.HttpContext.Response.Headers.RetryAfter = "1";
                return Results.Json(new { status = 429, title = "Too Many Requests" }, statusCode: 429);
            }

            _window.Enqueue(now);
            _polled.Add(number);
        }

        return Results.Text(StubResponses.Fixture("dhl", "customs-hold", number), "application/json");
    }
}

/// <summary>The function app as four instances (DevHost workers) polling one DHL account with a strict limit.</summary>
public sealed class ScaledOutFixture : FunctionAppFixture, IAsyncLifetime
{
    private StrictDhlStub? _dhl;

    internal StrictDhlStub Dhl => _dhl ?? throw new InvalidOperationException("not started");

    protected override int WorkerCount => 4;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Carriers:Dhl:ApiKey"] = CarrierStubServer.DhlApiKey,
        ["Carriers:Dhl:BaseUrl"] = Dhl.BaseAddress.AbsoluteUri,
        ["Carriers:Dhl:RequestsPerSecond"] = StrictDhlStub.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Carriers:Dhl:RequestsPerDay"] = "0",
        ["Polling:Cadence:Fixed"] = "01:00:00", // one poll each: the drain, not re-polls
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        // The stub times arrivals in this process, next to the DevHost driving four workers: with the pool's default
        // two threads it could stall and then see a few requests "at once" that had arrived spaced.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        _dhl = await StrictDhlStub.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await (_dhl?.DisposeAsync() ?? ValueTask.CompletedTask);
    }
}

/// <summary>
/// Issue 12: a carrier's limit holds for the app, not per instance. Four workers drain 100 due DHL shipments at a
/// published 8 requests/s against a carrier that counts strictly: every number is polled, none over the limit.
/// (With the per-process buckets the app had before, the same run sent 16 requests over the limit.)
/// </summary>
public sealed class ScaledOutBudgetTests(ScaledOutFixture app) : IClassFixture<ScaledOutFixture>
{
    [Fact]
    public async Task FourInstances_DrainADhlBacklog_WithNoRequestOverTheCarriersLimit()
    {
        const int shipments = 100;
        for (int part = 0; part < 2; part++)
        {
            var body = new
            {
                orderId = $"SCALE-{part}",
                shipments = Enumerable.Range(part * 50, 50).Select(i => new { carrier = "dhl", trackingNumber = $"JJD{i:D10}" }).ToArray(),
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/shipments") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
            request.Headers.Add("x-functions-key", FunctionAppFixture.FunctionKey);
            using HttpResponseMessage response = await app.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // 100 requests at 8/s × 0.9 take ≈ 14 s; the deadline only bounds a hang.
        await Eventually.UntilAsync(() => Task.FromResult(app.Dhl.Polled), n => n == shipments, TimeSpan.FromSeconds(90), "every DHL number polled once");

        Assert.Equal(0, app.Dhl.OverLimit);
    }
}
