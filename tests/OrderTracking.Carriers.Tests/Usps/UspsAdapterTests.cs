using OrderTracking.Carriers.Tests.Support;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Tests.Usps;

public sealed class UspsAdapterTests : CarrierAdapterTestBase
{
    private const string Number = "9400109104250532908587";
    private const string TrackPath = "/tracking/v3/tracking/";
    private const string TokenPath = "/oauth2/v3/token";

    protected override Dictionary<string, string?> Settings(Uri stubBaseUrl) => new()
    {
        ["Carriers:Usps:BaseUrl"] = stubBaseUrl.ToString(),
        ["Carriers:Usps:ClientId"] = "usps-id",
        ["Carriers:Usps:ClientSecret"] = "usps-secret",
        ["Carriers:Usps:RequestsPerSecond"] = "1000",
    };

    protected override void Arrange(StubCarrierServer stub) =>
        stub.OnSequence("POST", TokenPath, StubResponse.Fixture("usps", "token.json"));

    [Theory]
    [InlineData("in-transit.json", TrackingStatus.InTransit)]
    [InlineData("out-for-delivery.json", TrackingStatus.OutForDelivery)]
    [InlineData("delivered.json", TrackingStatus.Delivered)]
    [InlineData("exception.json", TrackingStatus.DeliveryAttempted)]
    [InlineData("return.json", TrackingStatus.ReturnToSender)]
    public async Task TrackAsync_Fixture_MapsStatus(string fixture, TrackingStatus expected)
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("usps", fixture));

        CarrierTrackingResult result = await Host.TrackOneAsync("usps", Number);

        Assert.Equal((CarrierResultKind.Found, expected), (result.Kind, result.Status));
    }

    [Fact]
    public async Task TrackAsync_InTransit_LocalTimesWithOffsetAndJsonTokenRequest()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("usps", "in-transit.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("usps", Number);

        Assert.Equal(new DateTimeOffset(2024, 11, 20, 1, 13, 0, TimeSpan.FromHours(-5)), result.Events[0].Time);
        Assert.Equal(["A1", "03", "GX"], result.Events.Select(e => e.RawCode));
        Assert.Equal(TrackingStatus.LabelCreated, result.Events[2].Status);
        Assert.Equal(new DateTimeOffset(2024, 11, 22, 21, 0, 0, TimeSpan.FromHours(-5)), result.Eta);
        Assert.Contains("expand=DETAIL", Stub.Requests.First(r => r.Path.StartsWith(TrackPath, StringComparison.Ordinal)).Query);
        StubRequest token = Stub.Requests.Single(r => r.Path == TokenPath);
        Assert.Contains("\"client_id\":\"usps-id\"", token.Body);
        Assert.Contains("\"grant_type\":\"client_credentials\"", token.Body);
    }

    [Fact]
    public async Task TrackAsync_404_NotFound()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("usps", "not-found.json", 404));

        Assert.Equal(CarrierResultKind.NotFound, (await Host.TrackOneAsync("usps", Number)).Kind);
    }

    [Fact]
    public async Task TrackAsync_401MissingScopeThenFreshToken_RefreshesOnce()
    {
        Stub.OnSequence("POST", TokenPath, StubResponse.Json("""{"access_token":"token-1","expires_in":"28799"}"""), StubResponse.Json("""{"access_token":"token-2","expires_in":28799}"""));
        Stub.On("GET", TrackPath, r => r.Header("Authorization") == "Bearer token-2"
            ? StubResponse.Fixture("usps", "delivered.json")
            : StubResponse.Json("""{"apiVersion":"/tracking/v3","error":{"code":"401","message":"Unauthorized"}}""", 401));

        CarrierTrackingResult result = await Host.TrackOneAsync("usps", Number);

        Assert.Equal(TrackingStatus.Delivered, result.Status);
        Assert.Equal(2, Stub.Count(TokenPath));
    }

    [Fact]
    public async Task TrackAsync_503WithRetryAfterThenSuccess_HonoursRetryAfter()
    {
        Stub.OnSequence("GET", TrackPath, new StubResponse(503, "{}", Headers: [("Retry-After", "3")]), StubResponse.Fixture("usps", "delivered.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("usps", Number);

        Assert.Equal(TrackingStatus.Delivered, result.Status);
        Assert.Contains(TimeSpan.FromSeconds(3), Host.Time.Delays);
    }

    [Fact]
    public async Task TrackAsync_429RetryAfter30_Throttled()
    {
        Stub.OnSequence("GET", TrackPath, new StubResponse(429, "{}", Headers: [("Retry-After", "30")]));

        CarrierTrackingResult result = await Host.TrackOneAsync("usps", Number);

        Assert.Equal((CarrierResultKind.Throttled, TimeSpan.FromSeconds(30)), (result.Kind, result.RetryAfter!.Value));
    }

    [Fact]
    public async Task TrackAsync_MalformedJson_Failed()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("usps", "malformed.json"));

        Assert.Equal(CarrierResultKind.Failed, (await Host.TrackOneAsync("usps", Number)).Kind);
    }
}
