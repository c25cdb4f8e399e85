using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using CsCheck;
using OrderTracking.Core.Security;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.Testing.Hostile;
using Xunit.Abstractions;

namespace OrderTracking.IntegrationTests.Security;

/// <summary>
/// Issue 15, the real path: a sample of the generated corpus (200 cases per endpoint) sent over HTTP through the
/// DevHost (Kestrel, the function-key check, the proxy) to the isolated worker. Never a 5xx or a hang; a 2xx only
/// for a valid request; a 4xx carries a problem body unless the host itself refused it before the worker (oversized
/// headers, an unmatched route); no markup reflected in a page; no unhandled exception in the worker's log. PayPal is
/// not set up in this fixture, so every PayPal request must be refused (fail closed). Requests an HTTP client cannot
/// send at all (a NUL in a header) are counted and skipped; the in-process run covers them.
/// </summary>
public sealed class HostileInputDevHostTests(FunctionAppFixture app, ITestOutputHelper output) : IClassFixture<FunctionAppFixture>
{
    private const int CasesPerEndpoint = 200;
    private static readonly TimeSpan s_perRequest = TimeSpan.FromSeconds(30);
    private static readonly string[] s_keyed = [Corpora.Shipments, Corpora.SyncStatus, Corpora.PoisonList, Corpora.PoisonAction, Corpora.Kpis, Corpora.Dashboard];

    [Fact]
    public async Task CorpusSample_ThroughTheDevHost_IsAnsweredSafely()
    {
        CorpusContext context = await SeedAsync();
        int logsBefore = app.Host.HandlerLogs.Count;
        using var client = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = s_perRequest };
        var summary = new List<string>();
        foreach (string endpoint in Corpora.Endpoints)
        {
            int sent = 0, unsendable = 0, hostRefused = 0;
            long slowest = 0;
            await Corpora.For(endpoint, context).SampleAsync(async request =>
            {
                using HttpRequestMessage? message = ToHttp(request, s_keyed.Contains(endpoint));
                if (message is null)
                {
                    Interlocked.Increment(ref unsendable);
                    return;
                }

                long started = Stopwatch.GetTimestamp();
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(message);
                }
                catch (HttpRequestException ex) when (ex.InnerException is FormatException or ArgumentException || ex.HttpRequestError == HttpRequestError.InvalidResponse)
                {
                    Interlocked.Increment(ref unsendable);
                    return;
                }

                using (response)
                {
                    Interlocked.Increment(ref sent);
                    long ms = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    Oracle.RecordMax(ref slowest, ms);
                    int status = (int)response.StatusCode;
                    string body = await response.Content.ReadAsStringAsync();
                    string? type = response.Content.Headers.ContentType?.MediaType;
                    string Why(string what) => $"{what}: {status} {type} {(body.Length > 300 ? body[..300] : body)}\nfor {request}";
                    Assert.True(status < 500, Why("a 5xx") + "\nworker log:\n" + string.Join("\n", app.Host.HandlerLogs.Skip(logsBefore).Where(l => l.Contains("xception", StringComparison.Ordinal)).TakeLast(3)));
                    Assert.True(Oracle.StatusAllowed(request, status, hostLimits: true), Why($"expected {request.Expect}"));
                    if (status >= 400 && type != "text/html")
                    {
                        if (body.Length == 0)
                        {
                            Interlocked.Increment(ref hostRefused); // Kestrel's 431/400 or the host's 404/401: no body at all
                        }
                        else
                        {
                            Assert.True(type == "application/problem+json", Why("a 4xx without a problem body"));
                        }
                    }

                    if (type == "text/html")
                    {
                        Assert.False(Oracle.ReflectsMarkup(body), Why("markup from the request reflected unescaped"));
                    }
                }
            }, iter: CasesPerEndpoint, threads: 2, print: r => r.ToString());
            summary.Add($"{endpoint}: {sent} sent, {unsendable} not sendable by HttpClient, {hostRefused} refused by the host without a body, slowest {slowest} ms");
        }

        foreach (string line in summary)
        {
            output.WriteLine(line);
        }

        string[] crashes = [.. app.Host.HandlerLogs.Skip(logsBefore).Where(l =>
            l.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || l.Contains("An unhandled exception has occurred", StringComparison.Ordinal))];
        Assert.True(crashes.Length == 0, "unhandled exceptions in the worker's log:\n" + string.Join("\n", crashes.Take(5)));
    }

    /// <summary>One order registered through the API (its read token from the answer) and ingested.</summary>
    private async Task<CorpusContext> SeedAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/shipments")
        {
            Content = new ByteArrayContent("""{"orderId":"H1001","email":"ana@example.com","shipments":[{"carrier":"ups","trackingNumber":"1Z999AA10123456784"}]}"""u8.ToArray()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("x-functions-key", FunctionAppFixture.FunctionKey);
        using HttpResponseMessage response = await app.Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using JsonDocument answer = JsonDocument.Parse(text);
        string orderKey = answer.RootElement.GetProperty("orderKey").GetString()!;
        string token = answer.RootElement.GetProperty("token").GetString()!;
        await Eventually.UntilAsync(async () => (await app.Client.GetAsync($"api/tracking/{Uri.EscapeDataString(orderKey)}?token={Uri.EscapeDataString(token)}")).StatusCode,
            s => s == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the seeded order to be readable");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return new CorpusContext(
            () => DateTimeOffset.UtcNow, FunctionAppFixture.StripeSecret, FunctionAppFixture.ShopifySecret, PayPalKey: null, "WH-NOT-SET",
            "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77", orderKey, "#H1001", "ana@example.com", token,
            [ReadToken.Mint(FunctionAppFixture.ReadTokenKey, "api:H1002", now.AddDays(30)), ReadToken.Mint(FunctionAppFixture.ReadTokenKey, orderKey, now.AddMinutes(-1)),
             ReadToken.Mint("another-read-token-key-0123456789", orderKey, now.AddDays(30))]);
    }

    private static HttpRequestMessage? ToHttp(HostileRequest request, bool keyed)
    {
        var uri = new Uri("http://placeholder" + request.Path + request.Query, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri.PathAndQuery.TrimStart('/'));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body); // Content-Length set: the host drops chunked bodies
        }

        foreach ((string name, string value) in request.Headers)
        {
            bool added = name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
                ? message.Content?.Headers.TryAddWithoutValidation(name, value) ?? false
                : message.Headers.TryAddWithoutValidation(name, value);
            if (!added || value.Any(c => c is '\r' or '\n' or '\0' || c > 0x7E))
            {
                message.Dispose();
                return null;
            }
        }

        if (keyed)
        {
            message.Headers.Add("x-functions-key", FunctionAppFixture.FunctionKey);
        }

        return message;
    }
}
