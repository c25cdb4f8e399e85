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
}
