using OrderTracking.Carriers.Tests.Support;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Tests.Dhl;

public sealed class DhlAdapterTests : CarrierAdapterTestBase
{
    private const string Number = "7777777770";
    private const string TrackPath = "/track/shipments";

    protected override Dictionary<string, string?> Settings(Uri stubBaseUrl) => new()
    {
        ["Carriers:Dhl:BaseUrl"] = stubBaseUrl.ToString(),
        ["Carriers:Dhl:ApiKey"] = "dhl-key",
        ["Carriers:Dhl:RequestsPerSecond"] = "1000",
    };

    [Theory]
    [InlineData("in-transit.json", TrackingStatus.InTransit)]
    [InlineData("out-for-delivery.json", TrackingStatus.OutForDelivery)]
    [InlineData("delivered.json", TrackingStatus.Delivered)]
    [InlineData("exception.json", TrackingStatus.DeliveryAttempted)]
    [InlineData("return.json", TrackingStatus.ReturnToSender)]
    public async Task TrackAsync_Fixture_MapsStatus(string fixture, TrackingStatus expected)
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("dhl", fixture));

        CarrierTrackingResult result = await Host.TrackOneAsync("dhl", Number);

        Assert.Equal((CarrierResultKind.Found, expected), (result.Kind, result.Status));
    }

    [Fact]
    public async Task TrackAsync_InTransit_SortsNewestFirstAndSendsApiKey()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("dhl", "in-transit.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("dhl", Number);

        Assert.Equal([TrackingStatus.InTransit, TrackingStatus.LabelCreated], result.Events.Select(e => e.Status));
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 16, 20, 0, TimeSpan.Zero), result.Events[1].Time);
        Assert.Equal(("LEIPZIG", "DE"), (result.Events[0].City, result.Events[0].Country));
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 0, 0, 0, TimeSpan.Zero), result.Eta);
        StubRequest request = Stub.Requests.Single();
        Assert.Equal("dhl-key", request.Header("DHL-API-Key"));
        Assert.Equal("?trackingNumber=" + Number, request.Query);
    }

    [Fact]
    public async Task TrackAsync_404ProblemJson_NotFound()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("dhl", "not-found.json", 404) with { ContentType = "application/problem+json" });

        Assert.Equal(CarrierResultKind.NotFound, (await Host.TrackOneAsync("dhl", Number)).Kind);
    }

    [Fact]
    public async Task TrackAsync_429_ThrottledWithDefaultBackoff()
    {
        Stub.OnSequence("GET", TrackPath, new StubResponse(429, """{"title":"Too many requests","status":429}"""));

        CarrierTrackingResult result = await Host.TrackOneAsync("dhl", Number);

        Assert.Equal(CarrierResultKind.Throttled, result.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), result.RetryAfter);
        Assert.Equal(3, Stub.Count(TrackPath));
    }

    [Fact]
    public async Task TrackAsync_5xxThenSuccess_Retries()
    {
        Stub.OnSequence("GET", TrackPath, new StubResponse(502, "{}"), StubResponse.Fixture("dhl", "delivered.json"));

        Assert.Equal(TrackingStatus.Delivered, (await Host.TrackOneAsync("dhl", Number)).Status);
    }

    [Fact]
    public async Task TrackAsync_MalformedJson_Failed()
    {
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("dhl", "malformed.json"));

        Assert.Equal(CarrierResultKind.Failed, (await Host.TrackOneAsync("dhl", Number)).Kind);
    }

    [Fact]
    public async Task TrackAsync_DailyCapReached_DeferredUntilUtcMidnightWithoutCalling()
    {
        using var host = new CarrierHost(new()
        {
            ["Carriers:Dhl:BaseUrl"] = Stub.BaseUrl.ToString(),
            ["Carriers:Dhl:ApiKey"] = "dhl-key",
            ["Carriers:Dhl:RequestsPerSecond"] = "1000",
            ["Carriers:Dhl:RequestsPerDay"] = "2",
        });
        Stub.OnSequence("GET", TrackPath, StubResponse.Fixture("dhl", "delivered.json"));

        await host.TrackOneAsync("dhl", Number);
        await host.TrackOneAsync("dhl", Number);
        CarrierTrackingResult third = await host.TrackOneAsync("dhl", Number);

        Assert.Equal(CarrierResultKind.Deferred, third.Kind); // our budget, not the carrier's 429: no cool-down, no failure
        Assert.True(third.RetryAfter > TimeSpan.Zero && third.RetryAfter <= TimeSpan.FromDays(1));
        Assert.Equal(2, Stub.Count(TrackPath));
    }
}
