using OrderTracking.Carriers.Tests.Support;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Tests.Ups;

public sealed class UpsAdapterTests : CarrierAdapterTestBase
{
    private const string Number = "1Z5R89390357567127";
    private const string TrackPath = "/api/track/v1/details/";
    private const string TokenPath = "/security/v1/oauth/token";

    protected override Dictionary<string, string?> Settings(Uri stubBaseUrl) => new()
    {
        ["Carriers:Ups:BaseUrl"] = stubBaseUrl.ToString(),
        ["Carriers:Ups:ClientId"] = "test-client",
        ["Carriers:Ups:ClientSecret"] = "test-secret",
        ["Carriers:Ups:RequestsPerSecond"] = "1000",
    };

    protected override void Arrange(StubCarrierServer stub) =>
        stub.OnSequence("POST", TokenPath, StubResponse.Fixture(".", "token.json"));

    [Theory]
    [InlineData("in-transit.json", TrackingStatus.InTransit)]
    [InlineData("out-for-delivery.json", TrackingStatus.OutForDelivery)]
    [InlineData("delivered.json", TrackingStatus.Delivered)]
    [InlineData("exception.json", TrackingStatus.DeliveryAttempted)]
    [InlineData("return.json", TrackingStatus.ReturnToSender)]
    public async Task TrackAsync_Fixture_MapsStatus(string fixture, TrackingStatus expected)
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("ups", fixture));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(CarrierResultKind.Found, result.Kind);
        Assert.Equal(expected, result.Status);
        Assert.Equal(expected, result.Events[0].Status);
    }

    [Fact]
    public async Task TrackAsync_InTransit_EventsTimesLocationsEtaAndHeaders()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("ups", "in-transit.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(3, result.Events.Count);
        TrackingEvent newest = result.Events[0];
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 22, 30, 0, TimeSpan.FromHours(-5)), newest.Time);
        Assert.Equal(("Louisville", "KY", "US", "005"), (newest.City, newest.Region, newest.Country, newest.RawCode));
        // Second activity has no gmtOffset and a 5-digit gmtTime "74700" (07:47:00): offset derived from local − GMT.
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 18, 15, 0, TimeSpan.FromHours(10.5)), result.Events[1].Time);
        Assert.Equal(TrackingStatus.LabelCreated, result.Events[2].Status);
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 23, 59, 0, TimeSpan.FromHours(-5)), result.Eta);

        StubRequest track = Stub.Requests.Single(r => r.Path.StartsWith(TrackPath, StringComparison.Ordinal));
        Assert.Equal(TrackPath + Number, track.Path);
        Assert.Equal("Bearer token-1", track.Header("Authorization"));
        Assert.False(string.IsNullOrEmpty(track.Header("transId")));
        Assert.Equal("OrderTracking", track.Header("transactionSrc"));
        StubRequest token = Stub.Requests.Single(r => r.Path == TokenPath);
        Assert.Equal("Basic " + Convert.ToBase64String("test-client:test-secret"u8.ToArray()), token.Header("Authorization"));
        Assert.Equal("grant_type=client_credentials", token.Body);
    }

    [Fact]
    public async Task TrackAsync_Delivered_NoEta()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("ups", "delivered.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", "1Z1442YY7229014688");

        Assert.Null(result.Eta);
        Assert.Equal("PARAMUS", result.Events[0].City);
    }

    [Fact]
    public async Task TrackAsync_ExceptionAttempt_ReasonRecipientUnavailable()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("ups", "exception.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(TrackingReason.RecipientUnavailable, result.Reason);
    }

    [Theory]
    [InlineData("not-found.json", 200)]
    [InlineData("invalid.json", 400)]
    [InlineData("invalid.json", 404)]
    public async Task TrackAsync_NotFoundShapes_ReturnNotFound(string fixture, int status)
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("ups", fixture, status));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(CarrierResultKind.NotFound, result.Kind);
    }

    [Fact]
    public async Task TrackAsync_UnknownCode_MapsUnknown()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("ups", "unknown-code.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(TrackingStatus.Unknown, result.Status);
    }

    [Fact]
    public async Task TrackAsync_TokenRejectedMidRun_RefreshesOnceAndSucceeds()
    {
        Stub.OnSequence("POST", TokenPath,
            StubResponse.Json("""{"access_token":"token-1","expires_in":"14399"}"""),
            StubResponse.Json("""{"access_token":"token-2","expires_in":"14399"}"""));
        int calls = 0;
        Stub.On("GET", TrackPath, r => Interlocked.Increment(ref calls) switch
        {
            1 => StubResponse.Fixture("ups", "in-transit.json"),
            _ when r.Header("Authorization") == "Bearer token-2" => StubResponse.Fixture("ups", "delivered.json"),
            _ => StubResponse.Json("""{"response":{"errors":[{"code":"250002","message":"Invalid Authentication Information."}]}}""", 401),
        });

        CarrierTrackingResult first = await Host.TrackOneAsync("ups", Number);
        CarrierTrackingResult second = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(TrackingStatus.InTransit, first.Status);
        Assert.Equal(TrackingStatus.Delivered, second.Status);
        Assert.Equal(2, Stub.Count(TokenPath));
        Assert.Equal(3, Stub.Count(TrackPath));
    }

    [Fact]
    public async Task TrackAsync_TokenCached_OneTokenRequestForManyCalls()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("ups", "in-transit.json"));

        for (int i = 0; i < 3; i++)
        {
            await Host.TrackOneAsync("ups", Number);
        }

        Assert.Equal(1, Stub.Count(TokenPath));
    }

    [Fact]
    public async Task TrackAsync_429WithShortRetryAfter_WaitsThatLongAndRetries()
    {
        Stub.OnSequence("GET", TrackPath,
            new StubResponse(429, """{"response":{"errors":[{"code":"10429","message":"Too Many Requests"}]}}""", Headers: [("Retry-After", "7")]),
            StubResponse.Fixture("ups", "in-transit.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(TrackingStatus.InTransit, result.Status);
        Assert.Contains(TimeSpan.FromSeconds(7), Host.Time.Delays);
    }

    [Fact]
    public async Task TrackAsync_429WithLongRetryAfter_ThrottledWithoutRetry()
    {
        Stub.OnSequence("GET", TrackPath, new StubResponse(429, "{}", Headers: [("Retry-After", "120")]));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(CarrierResultKind.Throttled, result.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        Assert.Equal(1, Stub.Count(TrackPath));
    }

    [Fact]
    public async Task TrackAsync_ServerErrorThenSuccess_Retries()
    {
        Stub.OnSequence("GET", TrackPath, new StubResponse(503, "{}"), StubResponse.Fixture("ups", "delivered.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(TrackingStatus.Delivered, result.Status);
        Assert.Equal(2, Stub.Count(TrackPath));
    }

    [Fact]
    public async Task TrackAsync_ServerErrorEveryTime_FailedAfterRetries()
    {
        Stub.OnSequence("GET", TrackPath, new StubResponse(500, "{}"));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(CarrierResultKind.Failed, result.Kind);
        Assert.Equal(3, Stub.Count(TrackPath));
    }

    [Fact]
    public async Task TrackAsync_MalformedJson_FailedNotThrown()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("ups", "malformed.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(CarrierResultKind.Failed, result.Kind);
    }

    [Fact]
    public async Task TrackAsync_TokenEndpointFails_FailedNotThrown()
    {
        Stub.OnSequence("POST", TokenPath, StubResponse.Json("""{"response":{"errors":[{"code":"250003","message":"Invalid Authentication Information."}]}}""", 401));

        CarrierTrackingResult result = await Host.TrackOneAsync("ups", Number);

        Assert.Equal(CarrierResultKind.Failed, result.Kind);
        Assert.Equal(0, Stub.Count(TrackPath));
    }
}
