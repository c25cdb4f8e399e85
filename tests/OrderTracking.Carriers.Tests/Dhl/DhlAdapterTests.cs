using OrderTracking.Carriers.Tests.Support;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Tests.Dhl;

public sealed class DhlAdapterTests : IAsyncLifetime
{
    private const string Number = "7777777770";
    private const string TrackPath = "/track/shipments";
    private StubCarrierServer _stub = null!;
    private CarrierHost _host = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubCarrierServer.StartAsync();
        _host = new CarrierHost(new()
        {
            ["Carriers:Dhl:BaseUrl"] = _stub.BaseUrl.ToString(),
            ["Carriers:Dhl:ApiKey"] = "dhl-key",
            ["Carriers:Dhl:RequestsPerSecond"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _stub.DisposeAsync();
    }

    [Theory]
    [InlineData("in-transit.json", TrackingStatus.InTransit)]
    [InlineData("out-for-delivery.json", TrackingStatus.OutForDelivery)]
    [InlineData("delivered.json", TrackingStatus.Delivered)]
    [InlineData("exception.json", TrackingStatus.DeliveryAttempted)]
    [InlineData("return.json", TrackingStatus.ReturnToSender)]
    public async Task TrackAsync_Fixture_MapsStatus(string fixture, TrackingStatus expected)
    {
        _stub.OnSequence("GET", TrackPath, StubResponse.Fixture("dhl", fixture));

        CarrierTrackingResult result = await _host.TrackOneAsync("dhl", Number);

        Assert.Equal((CarrierResultKind.Found, expected), (result.Kind, result.Status));
    }

    [Fact]
    public async Task TrackAsync_InTransit_SortsNewestFirstAndSendsApiKey()
    {
        _stub.OnSequence("GET", TrackPath, StubResponse.Fixture("dhl", "in-transit.json"));

        CarrierTrackingResult result = await _host.TrackOneAsync("dhl", Number);

        Assert.Equal([TrackingStatus.InTransit, TrackingStatus.LabelCreated], result.Events.Select(e => e.Status));
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 16, 20, 0, TimeSpan.Zero), result.Events[1].Time);
        Assert.Equal(("LEIPZIG", "DE"), (result.Events[0].City, result.Events[0].Country));
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 0, 0, 0, TimeSpan.Zero), result.Eta);
        StubRequest request = _stub.Requests.Single();
        Assert.Equal("dhl-key", request.Header("DHL-API-Key"));
        Assert.Equal("?trackingNumber=" + Number, request.Query);
    }

    [Fact]
    public async Task TrackAsync_404ProblemJson_NotFound()
    {
        _stub.OnSequence("GET", TrackPath, StubResponse.Fixture("dhl", "not-found.json", 404) with { ContentType = "application/problem+json" });

        Assert.Equal(CarrierResultKind.NotFound, (await _host.TrackOneAsync("dhl", Number)).Kind);
    }

    [Fact]
    public async Task TrackAsync_429_ThrottledWithDefaultBackoff()
    {
        _stub.OnSequence("GET", TrackPath, new StubResponse(429, """{"title":"Too many requests","status":429}"""));

        CarrierTrackingResult result = await _host.TrackOneAsync("dhl", Number);

        Assert.Equal(CarrierResultKind.Throttled, result.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), result.RetryAfter);
        Assert.Equal(3, _stub.Count(TrackPath));
    }

    [Fact]
    public async Task TrackAsync_5xxThenSuccess_Retries()
    {
        _stub.OnSequence("GET", TrackPath, new StubResponse(502, "{}"), StubResponse.Fixture("dhl", "delivered.json"));

        Assert.Equal(TrackingStatus.Delivered, (await _host.TrackOneAsync("dhl", Number)).Status);
    }

    [Fact]
    public async Task TrackAsync_MalformedJson_Failed()
    {
        _stub.OnSequence("GET", TrackPath, StubResponse.Fixture("dhl", "malformed.json"));

        Assert.Equal(CarrierResultKind.Failed, (await _host.TrackOneAsync("dhl", Number)).Kind);
    }

    [Fact]
    public async Task TrackAsync_DailyCapReached_ThrottledUntilUtcMidnightWithoutCalling()
    {
        using var host = new CarrierHost(new()
        {
            ["Carriers:Dhl:BaseUrl"] = _stub.BaseUrl.ToString(),
            ["Carriers:Dhl:ApiKey"] = "dhl-key",
            ["Carriers:Dhl:RequestsPerSecond"] = "1000",
            ["Carriers:Dhl:RequestsPerDay"] = "2",
        });
        _stub.OnSequence("GET", TrackPath, StubResponse.Fixture("dhl", "delivered.json"));

        await host.TrackOneAsync("dhl", Number);
        await host.TrackOneAsync("dhl", Number);
        CarrierTrackingResult third = await host.TrackOneAsync("dhl", Number);

        Assert.Equal(CarrierResultKind.Throttled, third.Kind);
        Assert.True(third.RetryAfter > TimeSpan.Zero && third.RetryAfter <= TimeSpan.FromDays(1));
        Assert.Equal(2, _stub.Count(TrackPath));
    }
}
