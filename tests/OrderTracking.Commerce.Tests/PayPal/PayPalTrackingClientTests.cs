using System.Net;
using System.Text.Json;
using OrderTracking.Commerce.PayPal;

namespace OrderTracking.Commerce.Tests.PayPal;

public sealed class PayPalTrackingClientTests
{
    private const string OrderId = "5O190127TN364715T";
    private const string CaptureId = "8MC585209K746392H";

    [Fact]
    public async Task AddTracker_PostsTheCaptureNumberAndCarrier_UnderADeterministicRequestId_AndReturnsTheTrackerId()
    {
        var stub = new PayPalApiStub();

        PayPalTrackingResult result = await stub.CreateTrackingClient().AddTrackerAsync(OrderId, CaptureId, "1Z999AA10123456784", "ups", CancellationToken.None);

        Assert.True(result.Done);
        Assert.Equal(CaptureId + "-1Z999AA10123456784", result.TrackerId);
        RecordedRequest request = Assert.Single(stub.RequestsTo($"/v2/checkout/orders/{OrderId}/track"));
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.StartsWith("Bearer token-", request.Authorization, StringComparison.Ordinal);
        using JsonDocument body = JsonDocument.Parse(request.Body!);
        Assert.Equal(CaptureId, body.RootElement.GetProperty("capture_id").GetString());
        Assert.Equal("1Z999AA10123456784", body.RootElement.GetProperty("tracking_number").GetString());
        Assert.Equal("UPS", body.RootElement.GetProperty("carrier").GetString());
        Assert.False(body.RootElement.TryGetProperty("carrier_name_other", out _));
        Assert.NotEqual(PayPalTrackingClient.RequestId(OrderId, CaptureId, "1Z999AA10123456784", "UPS"), PayPalTrackingClient.RequestId(OrderId, CaptureId, "1Z999AA10123456785", "UPS"));
    }

    [Fact]
    public async Task AddTracker_OtherCarrier_SendsItsName()
    {
        var stub = new PayPalApiStub();

        await stub.CreateTrackingClient().AddTrackerAsync(OrderId, CaptureId, "SBX1", "sandbox", CancellationToken.None);

        using JsonDocument body = JsonDocument.Parse(Assert.Single(stub.RequestsTo($"/v2/checkout/orders/{OrderId}/track")).Body!);
        Assert.Equal("OTHER", body.RootElement.GetProperty("carrier").GetString());
        Assert.Equal("sandbox", body.RootElement.GetProperty("carrier_name_other").GetString());
    }

    [Fact]
    public async Task AddTracker_ExpiredToken_IsRenewedOnce()
    {
        var stub = new PayPalApiStub { OrderUnauthorizedCount = 1 };

        PayPalTrackingResult result = await stub.CreateTrackingClient().AddTrackerAsync(OrderId, CaptureId, "1Z999AA10123456784", "ups", CancellationToken.None);

        Assert.True(result.Done);
        Assert.Equal(2, stub.TokensIssued);
    }

    [Fact]
    public async Task AddTracker_422_IsRejectedWithPayPalsIssue_But500And403Throw()
    {
        var invalid = new PayPalApiStub
        {
            TrackStatus = HttpStatusCode.UnprocessableEntity,
            TrackResponse = """{"name":"UNPROCESSABLE_ENTITY","details":[{"issue":"CAPTURE_STATUS_NOT_VALID","description":"Invalid capture status."}]}""",
        };
        var down = new PayPalApiStub { TrackStatus = HttpStatusCode.InternalServerError, TrackResponse = "{}" };
        var forbidden = new PayPalApiStub { TrackStatus = HttpStatusCode.Forbidden, TrackResponse = """{"name":"NOT_AUTHORIZED"}""" };

        PayPalTrackingResult rejected = await invalid.CreateTrackingClient().AddTrackerAsync(OrderId, CaptureId, "1Z1", "ups", CancellationToken.None);

        Assert.False(rejected.Done);
        Assert.Equal("PayPal answered 422: CAPTURE_STATUS_NOT_VALID: Invalid capture status.", rejected.Error);
        await Assert.ThrowsAsync<HttpRequestException>(() => down.CreateTrackingClient().AddTrackerAsync(OrderId, CaptureId, "1Z1", "ups", CancellationToken.None));
        await Assert.ThrowsAsync<HttpRequestException>(() => forbidden.CreateTrackingClient().AddTrackerAsync(OrderId, CaptureId, "1Z1", "ups", CancellationToken.None));
    }

    [Fact]
    public async Task AddLegacyTracker_ReadsFirst_ThenPostsOneShippedTrackerForTheTransaction()
    {
        var stub = new PayPalApiStub();

        PayPalTrackingResult result = await stub.CreateTrackingClient().AddLegacyTrackerAsync(CaptureId, "1Z999AA10123456784", "ups", CancellationToken.None);

        Assert.True(result.Done);
        Assert.Equal(CaptureId + "-1Z999AA10123456784", result.TrackerId);
        Assert.Single(stub.RequestsTo($"/v1/shipping/trackers/{CaptureId}-1Z999AA10123456784"));
        RecordedRequest batch = Assert.Single(stub.RequestsTo("/v1/shipping/trackers-batch"));
        Assert.Equal(HttpMethod.Post, batch.Method);
        using JsonDocument body = JsonDocument.Parse(batch.Body!);
        JsonElement tracker = Assert.Single(body.RootElement.GetProperty("trackers").EnumerateArray());
        Assert.Equal(CaptureId, tracker.GetProperty("transaction_id").GetString());
        Assert.Equal("1Z999AA10123456784", tracker.GetProperty("tracking_number").GetString());
        Assert.Equal("SHIPPED", tracker.GetProperty("status").GetString());
        Assert.Equal("UPS", tracker.GetProperty("carrier").GetString());
    }

    [Fact]
    public async Task AddLegacyTracker_TrackerAlreadyThere_MakesNoWrite()
    {
        var stub = new PayPalApiStub { LegacyTrackerMissingReads = 0 };

        PayPalTrackingResult result = await stub.CreateTrackingClient().AddLegacyTrackerAsync(CaptureId, "1Z999AA10123456784", "ups", CancellationToken.None);

        Assert.True(result.Done);
        Assert.Empty(stub.RequestsTo("/v1/shipping/trackers-batch"));
    }

    [Fact]
    public async Task AddLegacyTracker_BatchErrorForATrackerAddedMeanwhile_IsDone_ButARealRefusalIsRejected()
    {
        const string refused = """{"tracker_identifiers":[],"errors":[{"name":"RESOURCE_CONFLICT","message":"Tracker already exists.","details":[{"issue":"TRACKER_ALREADY_EXISTS"}]}]}""";
        var raced = new PayPalApiStub { LegacyTrackerMissingReads = 1, LegacyBatchResponse = refused };
        var invalid = new PayPalApiStub
        {
            LegacyBatchResponse = """{"tracker_identifiers":[],"errors":[{"name":"INVALID_REQUEST","message":"Request is not well-formed.","details":[{"issue":"INVALID_PARAMETER_SYNTAX"}]}]}""",
        };

        PayPalTrackingResult done = await raced.CreateTrackingClient().AddLegacyTrackerAsync(CaptureId, "1Z999AA10123456784", "ups", CancellationToken.None);
        PayPalTrackingResult rejected = await invalid.CreateTrackingClient().AddLegacyTrackerAsync(CaptureId, "1Z999AA10123456784", "ups", CancellationToken.None);

        Assert.True(done.Done);
        Assert.Equal(2, raced.RequestsTo($"/v1/shipping/trackers/{CaptureId}-1Z999AA10123456784").Count());
        Assert.False(rejected.Done);
        Assert.Equal("PayPal refused the tracker: INVALID_PARAMETER_SYNTAX: Request is not well-formed.", rejected.Error);
    }

    [Fact]
    public async Task CancelTracker_PatchesTheStatusToCancelled_AndAnUnknownTrackerIsRejected()
    {
        var stub = new PayPalApiStub();
        PayPalTrackingClient client = stub.CreateTrackingClient();

        PayPalTrackingResult done = await client.CancelTrackerAsync(OrderId, CaptureId + "-1Z999AA10123456784", CancellationToken.None);
        PayPalTrackingResult gone = await client.CancelTrackerAsync(OrderId, CaptureId + "-GONE", CancellationToken.None);

        Assert.True(done.Done);
        RecordedRequest patch = Assert.Single(stub.RequestsTo($"/v2/checkout/orders/{OrderId}/trackers/{CaptureId}-1Z999AA10123456784"));
        Assert.Equal(HttpMethod.Patch, patch.Method);
        using JsonDocument body = JsonDocument.Parse(patch.Body!);
        JsonElement op = Assert.Single(body.RootElement.EnumerateArray());
        Assert.Equal("replace", op.GetProperty("op").GetString());
        Assert.Equal("/status", op.GetProperty("path").GetString());
        Assert.Equal("CANCELLED", op.GetProperty("value").GetString());
        Assert.False(gone.Done);
        Assert.Equal("PayPal answered 404: INVALID_RESOURCE_ID: Specified resource ID does not exist.", gone.Error);
    }

    [Fact]
    public async Task CancelLegacyTracker_PutsTheTrackerWithStatusCancelled()
    {
        var stub = new PayPalApiStub();

        PayPalTrackingResult result = await stub.CreateTrackingClient().CancelLegacyTrackerAsync(CaptureId, "1Z999AA10123456784", "ups", CancellationToken.None);

        Assert.True(result.Done);
        RecordedRequest put = Assert.Single(stub.RequestsTo($"/v1/shipping/trackers/{CaptureId}-1Z999AA10123456784"), r => r.Method == HttpMethod.Put);
        using JsonDocument body = JsonDocument.Parse(put.Body!);
        Assert.Equal("CANCELLED", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(CaptureId, body.RootElement.GetProperty("transaction_id").GetString());
        Assert.Equal("UPS", body.RootElement.GetProperty("carrier").GetString());
    }
}
