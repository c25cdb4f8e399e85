using System.Net;
using System.Text.Json;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.IntegrationTests.Webhooks;

namespace OrderTracking.IntegrationTests.Flow;

/// <summary><c>POST /api/shipments</c> and <c>GET /api/tracking/{orderKey}</c> through the DevHost (DESIGN §9).</summary>
public sealed class ReadApiTests(FunctionAppFixture app) : IClassFixture<FunctionAppFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private static HttpRequestMessage Register(object body, string? key = FunctionAppFixture.FunctionKey)
    {
        // Buffered (Content-Length set): the Functions host's request forwarding drops chunked bodies (reference §2.6).
        var request = new HttpRequestMessage(HttpMethod.Post, "api/shipments")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return request;
    }

    private static object Order(string id, string number) => new
    {
        orderId = id,
        email = "ana@example.com",
        name = "Ana",
        locale = "es",
        shipments = new[] { new { carrier = (string?)null, trackingNumber = number, trackingUrl = (string?)null } },
    };

    [Fact]
    public async Task RegisterShipments_WithoutFunctionKey_Is401()
    {
        using HttpResponseMessage response = await app.Client.SendAsync(Register(Order("A-401", "SBX2KEY00001"), key: null));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RegisterShipments_InvalidBody_Is400WithEveryProblem()
    {
        using HttpResponseMessage response = await app.Client.SendAsync(Register(new
        {
            orderId = "bad/id",
            email = "not-an-email",
            shipments = new[] { new { carrier = "nope", trackingNumber = "12" } },
        }));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("orderId", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("shipments[0].carrier", out _));
    }

    [Theory]
    [InlineData("415-555-0100", true, "phone")]
    [InlineData("+1 415 555 0100", null, "phone")]
    [InlineData(null, true, "sms")]
    public async Task RegisterShipments_BadPhoneOrSmsWithoutPhone_Is400AndStoresNothing(string? phone, bool? sms, string field)
    {
        string id = "A-PHONE-" + field + (phone?.Length ?? 0);
        using HttpResponseMessage response = await app.Client.SendAsync(Register(new { orderId = id, email = "ana@example.com", phone, sms, shipments = new[] { new { trackingNumber = "SBX4PHONE001" } } }));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
        if (phone is not null)
        {
            Assert.DoesNotContain(phone, text, StringComparison.Ordinal); // the number is not echoed back
        }
        Assert.Null(await WebhookStore.OrderRowAsync(app, "api:" + id));
    }

    [Fact]
    public async Task RegisterShipments_BadReplacementOrCancellation_Is400NamingTheEntry()
    {
        using HttpResponseMessage response = await app.Client.SendAsync(Register(new
        {
            orderId = "A-REPL-1",
            shipments = new object[]
            {
                new { carrier = "sandbox", trackingNumber = "SBX1REPL0001", replaces = "SBX1REPL0001" },
                new { trackingNumber = "SBX1REPL0002", cancelled = true, replaces = "SBX1REPL0003" },
                new { carrier = "sandbox", trackingNumber = "SBX1REPL0004", replaces = new string('9', 65) },
            },
        }));

        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        JsonElement errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("shipments[0].replaces", out _));
        Assert.True(errors.TryGetProperty("shipments[1].replaces", out _));
        Assert.True(errors.TryGetProperty("shipments[2].replaces", out _));
        Assert.Null(await WebhookStore.OrderRowAsync(app, "api:A-REPL-1"));
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task RegisterShipments_BadInput_Is4xx(string body, string contentType, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/shipments") { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) };
        request.Headers.Add("x-functions-key", FunctionAppFixture.FunctionKey);
        using HttpResponseMessage response = await app.Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task RegisterShipments_SameBodyTwice_OneShipmentAndAWorkingToken()
    {
        using HttpResponseMessage first = await app.Client.SendAsync(Register(Order("A-1001", "SBX3REG00001")));
        using HttpResponseMessage second = await app.Client.SendAsync(Register(Order("A-1001", "SBX3REG00001")));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using JsonDocument answer = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal("api:A-1001", answer.RootElement.GetProperty("orderKey").GetString());
        string token = answer.RootElement.GetProperty("token").GetString()!;

        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, "api:A-1001"), s => s == "outForDelivery", s_timeout, "SBX3 out for delivery");
        (HttpStatusCode status, JsonDocument? body) = await TrackingClient.GetAsync(app.Client, "api:A-1001", token);
        using (body)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Single(body!.RootElement.GetProperty("shipments").EnumerateArray());
        }
    }

    [Fact]
    public async Task TrackingApi_BadTokenAndUnknownOrder_AreTheSame404()
    {
        using HttpResponseMessage registered = await app.Client.SendAsync(Register(Order("A-404", "SBX2NF000001")));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, "api:A-404"), s => s is not null, s_timeout, "registration");

        using HttpResponseMessage badToken = await app.Client.GetAsync("api/tracking/api:A-404?token=" + TrackingClient.Token("api:OTHER"));
        using HttpResponseMessage unknown = await app.Client.GetAsync("api/tracking/api:NOPE?token=" + TrackingClient.Token("api:NOPE"));
        using HttpResponseMessage noToken = await app.Client.GetAsync("api/tracking/api:A-404");

        Assert.Equal(HttpStatusCode.NotFound, badToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noToken.StatusCode);
        Assert.Equal(await WithoutTraceIdAsync(badToken), await WithoutTraceIdAsync(unknown));
        Assert.Equal(await WithoutTraceIdAsync(badToken), await WithoutTraceIdAsync(noToken));
    }

    [Fact]
    public async Task TrackingApi_ETagAndCors_AreServed()
    {
        using HttpResponseMessage registered = await app.Client.SendAsync(Register(Order("A-ETAG", "SBX1ETAG0001")));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, "api:A-ETAG"), s => s == "labelCreated", s_timeout, "label created");
        string url = "api/tracking/api:A-ETAG?token=" + TrackingClient.Token("api:A-ETAG");

        var get = new HttpRequestMessage(HttpMethod.Get, url);
        get.Headers.Add("Origin", "https://shop.example.com");
        using HttpResponseMessage first = await app.Client.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("https://shop.example.com", first.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("max-age=60", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(first.Headers.CacheControl.Private);
        string etag = first.Headers.ETag!.Tag;

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using HttpResponseMessage second = await app.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);

        var foreign = new HttpRequestMessage(HttpMethod.Get, url);
        foreign.Headers.Add("Origin", "https://evil.example.net");
        using HttpResponseMessage third = await app.Client.SendAsync(foreign);
        Assert.False(third.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Widget_ScriptAndTrackPage_AreServedSafely()
    {
        using HttpResponseMessage script = await app.Client.GetAsync("api/widget.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("customElements.define(\"order-tracking\"", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage page = await app.Client.GetAsync("api/track?orderKey=api:A-1&token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E");
        string html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<order-tracking order-key=\"api:A-1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
    }

    /// <summary>
    /// The one lookup test of this fixture (every request here comes from 127.0.0.1, one client for the limiter): the
    /// right pair gives a token that opens the order, misses get one 404, the 11th attempt from the address is a 429,
    /// and a storefront on an allowed origin may call it (preflight).
    /// </summary>
    [Fact]
    public async Task TrackingLookup_RightPairMissesAndTheClientLimit_ThroughTheHost()
    {
        using HttpResponseMessage registered = await app.Client.SendAsync(Register(Order("A-LOOK-7", "SBX2LOOK0007")));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, "api:A-LOOK-7"), s => s is not null, s_timeout, "registration");

        var preflight = new HttpRequestMessage(HttpMethod.Options, "api/tracking/lookup");
        preflight.Headers.Add("Origin", "https://shop.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using HttpResponseMessage allowed = await app.Client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("https://shop.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using HttpResponseMessage hit = await LookupAsync("a-look-7", " ANA@example.com");
        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        using JsonDocument answer = JsonDocument.Parse(await hit.Content.ReadAsStringAsync());
        Assert.Equal("api:A-LOOK-7", answer.RootElement.GetProperty("orderKey").GetString());
        (HttpStatusCode status, JsonDocument? tracking) = await TrackingClient.GetAsync(app.Client, "api:A-LOOK-7", answer.RootElement.GetProperty("token").GetString());
        using (tracking)
        {
            Assert.Equal(HttpStatusCode.OK, status);
        }

        using HttpResponseMessage wrongEmail = await LookupAsync("A-LOOK-7", "eve@example.com");
        using HttpResponseMessage wrongNumber = await LookupAsync("A-LOOK-8", "ana@example.com");
        Assert.Equal(HttpStatusCode.NotFound, wrongEmail.StatusCode);
        Assert.Equal(await WithoutTraceIdAsync(wrongEmail), await WithoutTraceIdAsync(wrongNumber));

        for (int i = 3; i < 10; i++)
        {
            using HttpResponseMessage miss = await LookupAsync($"GUESS-{i}", "ana@example.com");
            Assert.Equal(HttpStatusCode.NotFound, miss.StatusCode);
        }

        using HttpResponseMessage limited = await LookupAsync("A-LOOK-7", "ana@example.com");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 900);
    }

    private Task<HttpResponseMessage> LookupAsync(string orderNumber, string email) =>
        app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/tracking/lookup")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { orderNumber, email }), System.Text.Encoding.UTF8, "application/json"),
        });

    /// <summary>The problem body minus its per-request trace id: what tells one 404 from another.</summary>
    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        System.Text.Json.Nodes.JsonObject body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }
}
