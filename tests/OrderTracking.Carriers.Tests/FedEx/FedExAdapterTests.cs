using System.Text.Json;
using OrderTracking.Carriers.Tests.Support;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Tests.FedEx;

public sealed class FedExAdapterTests : CarrierAdapterTestBase
{
    private const string Number = "568838414941";
    private const string TrackPath = "/track/v1/trackingnumbers";
    private const string TokenPath = "/oauth/token";

    protected override Dictionary<string, string?> Settings(Uri stubBaseUrl) => new()
    {
        ["Carriers:FedEx:BaseUrl"] = stubBaseUrl.ToString(),
        ["Carriers:FedEx:ClientId"] = "fx-id",
        ["Carriers:FedEx:ClientSecret"] = "fx-secret",
    };

    protected override void Arrange(StubCarrierServer stub) =>
        stub.OnSequence("POST", TokenPath, StubResponse.Fixture("fedex", "token.json"));

    [Theory]
    [InlineData("in-transit.json", TrackingStatus.InTransit)]
    [InlineData("out-for-delivery.json", TrackingStatus.OutForDelivery)]
    [InlineData("delivered.json", TrackingStatus.Delivered)]
    [InlineData("exception.json", TrackingStatus.DeliveryAttempted)]
    [InlineData("return.json", TrackingStatus.ReturnToSender)]
    public async Task TrackAsync_Fixture_MapsStatus(string fixture, TrackingStatus expected)
    {
        Stub.OnSequence("POST", TrackPath, StubResponse.Fixture("fedex", fixture));

        CarrierTrackingResult result = await Host.TrackOneAsync("fedex", Number);

        Assert.Equal(CarrierResultKind.Found, result.Kind);
        Assert.Equal(expected, result.Status);
        Assert.Equal(expected == TrackingStatus.DeliveryAttempted ? TrackingReason.RecipientUnavailable : null, result.Reason);
    }

    [Fact]
    public async Task TrackAsync_InTransit_SortsNewestFirstKeepsOffsetsAndEta()
    {
        Stub.OnSequence("POST", TrackPath, StubResponse.Fixture("fedex", "in-transit.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("fedex", Number);

        Assert.Equal(["DP", "PU"], result.Events.Select(e => e.RawCode));
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 2, 14, 0, TimeSpan.FromHours(-6)), result.Events[0].Time);
        Assert.Equal(("MEMPHIS", "TN", "US"), (result.Events[0].City, result.Events[0].Region, result.Events[0].Country));
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 0, 0, 0, TimeSpan.FromHours(-6)), result.Eta);
        StubRequest token = Stub.Requests.Single(r => r.Path == TokenPath);
        Assert.Contains("client_id=fx-id", token.Body);
        Assert.Contains("grant_type=client_credentials", token.Body);
    }

    [Fact]
    public async Task TrackAsync_PerNumberNotFound_ReturnsNotFound()
    {
        Stub.OnSequence("POST", TrackPath, StubResponse.Fixture("fedex", "not-found.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("fedex", Number);

        Assert.Equal(CarrierResultKind.NotFound, result.Kind);
    }

    [Fact]
    public async Task TrackAsync_75Numbers_ThreeCallsOfAtMost30EachResultPerNumber()
    {
        Stub.On("POST", TrackPath, EchoInTransit);
        CarrierTrackingRequest[] requests = [.. Enumerable.Range(0, 75).Select(i => new CarrierTrackingRequest($"{100000000000 + i}", DateTimeOffset.UtcNow))];

        IReadOnlyDictionary<string, CarrierTrackingResult> results = await Host.Tracker("fedex").TrackAsync(requests, CancellationToken.None);

        Assert.Equal(75, results.Count);
        Assert.All(results.Values, r => Assert.Equal(TrackingStatus.InTransit, r.Status));
        int[] sizes = [.. Stub.Requests.Where(r => r.Path == TrackPath).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("trackingInfo").GetArrayLength())];
        Assert.Equal([30, 30, 15], sizes);
        Assert.Equal(30, Host.Tracker("fedex").MaxBatch);
    }

    [Fact]
    public async Task TrackAsync_TokenExpiredMidRun_RefreshesOnce()
    {
        Stub.OnSequence("POST", TokenPath,
            StubResponse.Json("""{"access_token":"token-1","expires_in":3599}"""),
            StubResponse.Json("""{"access_token":"token-2","expires_in":3599}"""));
        int calls = 0;
        Stub.On("POST", TrackPath, r => Interlocked.Increment(ref calls) == 1 || r.Header("Authorization") == "Bearer token-2"
            ? StubResponse.Fixture("fedex", "in-transit.json")
            : StubResponse.Fixture("fedex", "expired-token.json", 401));

        await Host.TrackOneAsync("fedex", Number);
        CarrierTrackingResult second = await Host.TrackOneAsync("fedex", Number);

        Assert.Equal(TrackingStatus.InTransit, second.Status);
        Assert.Equal(2, Stub.Count(TokenPath));
    }

    [Fact]
    public async Task TrackAsync_429LongRetryAfter_ThrottledForWholeBatch()
    {
        Stub.OnSequence("POST", TrackPath, new StubResponse(429, """{"errors":[{"code":"RATE.LIMIT.EXCEEDED"}]}""", Headers: [("Retry-After", "600")]));

        IReadOnlyDictionary<string, CarrierTrackingResult> results = await Host.Tracker("fedex").TrackAsync(
            [new(Number, DateTimeOffset.UtcNow), new("797806677146", DateTimeOffset.UtcNow)], CancellationToken.None);

        Assert.All(results.Values, r => Assert.Equal((CarrierResultKind.Throttled, TimeSpan.FromMinutes(10)), (r.Kind, r.RetryAfter!.Value)));
    }

    [Fact]
    public async Task TrackAsync_5xxThenSuccess_Retries()
    {
        Stub.OnSequence("POST", TrackPath, StubResponse.Json("""{"errors":[{"code":"SERVICE.UNAVAILABLE.ERROR"}]}""", 503), StubResponse.Fixture("fedex", "delivered.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("fedex", Number);

        Assert.Equal(TrackingStatus.Delivered, result.Status);
    }

    [Fact]
    public async Task TrackAsync_MalformedJson_Failed()
    {
        Stub.OnSequence("POST", TrackPath, StubResponse.Fixture("fedex", "malformed.json"));

        CarrierTrackingResult result = await Host.TrackOneAsync("fedex", Number);

        Assert.Equal(CarrierResultKind.Failed, result.Kind);
    }

    private static StubResponse EchoInTransit(StubRequest request)
    {
        string template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fedex", "in-transit.json"));
        IEnumerable<string> items = JsonDocument.Parse(request.Body).RootElement.GetProperty("trackingInfo").EnumerateArray()
            .Select(i => i.GetProperty("trackingNumberInfo").GetProperty("trackingNumber").GetString()!)
            .Select(n => JsonDocument.Parse(template.Replace(Number, n)).RootElement.GetProperty("output").GetProperty("completeTrackResults")[0].GetRawText());
        return StubResponse.Json("{\"transactionId\":\"t\",\"output\":{\"completeTrackResults\":[" + string.Join(",", items) + "]}}");
    }
}
