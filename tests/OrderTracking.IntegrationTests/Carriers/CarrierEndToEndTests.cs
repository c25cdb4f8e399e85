using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Carriers;

/// <summary>
/// Issue 5 item 5, end to end: a shipment per carrier registered through <c>POST /api/shipments</c>, polled by the real
/// handler against <see cref="CarrierStubServer"/> on loopback, read back from <c>GET /api/tracking/{orderKey}</c> as
/// the normalized status with its events.
/// </summary>
public sealed class CarrierEndToEndTests(CarrierStubAppFixture app) : IClassFixture<CarrierStubAppFixture>
{
    private CarrierStubServer Stub => app.Stub;

    [Fact]
    public async Task Ups_OutForDelivery_ReadBackWithEventsAndOneCachedToken()
    {
        const string number = "1Z5R89390357567127";
        Stub.Serve(number, "out-for-delivery");
        string token = await CarrierApi.RegisterAsync(app.Client, "E2E-UPS-1", ("ups", number));

        JsonElement shipment = await CarrierApi.WaitForStatusAsync(app.Client, "E2E-UPS-1", token, number, "outForDelivery");

        Assert.Equal("ups", shipment.GetProperty("carrier").GetString());
        JsonElement newest = shipment.GetProperty("events")[0];
        Assert.Equal("outForDelivery", newest.GetProperty("status").GetString());
        Assert.Equal("Out For Delivery Today", newest.GetProperty("description").GetString());
        AssertPlace(newest, "Brooklyn", "NY", "US");
        Assert.Equal(2, shipment.GetProperty("events").GetArrayLength());

        // Polling goes on (1 s test cadence); the token is fetched once and reused.
        await Eventually.UntilAsync(() => Task.FromResult(Stub.TrackCalls("ups", number).Count), c => c >= 3, CarrierApi.Timeout, "three UPS track calls");
        Assert.Equal(1, Stub.TokenCalls("ups"));
        StubCall tokenCall = Stub.Calls.First(c => c.Carrier == "ups" && c.IsToken);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ups-client:ups-secret")), tokenCall.Header("Authorization"));
        Assert.Contains("grant_type=client_credentials", tokenCall.Body, StringComparison.Ordinal);
        IReadOnlyList<StubCall> calls = Stub.TrackCalls("ups", number);
        Assert.All(calls, c => Assert.False(string.IsNullOrEmpty(c.Header("transId"))));
        Assert.All(calls, c => Assert.False(string.IsNullOrEmpty(c.Header("transactionSrc"))));
        Assert.Equal(calls.Count, calls.Select(c => c.Header("transId")).Distinct().Count());
    }

    [Fact]
    public async Task FedEx_TwoNumbersOneOrder_DeliveredAndInTransitFromABatchedCall()
    {
        const string delivered = "568838414941";
        const string inTransit = "477179081230";
        Stub.Serve(delivered, "delivered");
        Stub.Serve(inTransit, "in-transit");
        string token = await CarrierApi.RegisterAsync(app.Client, "E2E-FDX-1", ("fedex", delivered), ("FedEx", inTransit));

        JsonElement done = await CarrierApi.WaitForStatusAsync(app.Client, "E2E-FDX-1", token, delivered, "delivered");
        JsonElement moving = await CarrierApi.WaitForStatusAsync(app.Client, "E2E-FDX-1", token, inTransit, "inTransit");

        JsonElement deliveredEvent = done.GetProperty("events")[0];
        Assert.Equal("delivered", deliveredEvent.GetProperty("status").GetString());
        Assert.Equal("Delivered", deliveredEvent.GetProperty("description").GetString());
        AssertPlace(deliveredEvent, "BROOKLYN", "NY", "US");
        JsonElement transitEvent = moving.GetProperty("events")[0];
        Assert.Equal("Departed FedEx location", transitEvent.GetProperty("description").GetString());
        AssertPlace(transitEvent, "MEMPHIS", "TN", "US");
        Assert.Equal(JsonValueKind.String, moving.GetProperty("eta").ValueKind);

        // Both numbers are due together, so the scheduler batches them into one POST (FedEx takes up to 30).
        StubCall? batch = await Eventually.UntilAsync(
            () => Task.FromResult(Stub.TrackCalls("fedex").FirstOrDefault(c => c.Numbers.Contains(delivered) && c.Numbers.Contains(inTransit))),
            c => c is not null, CarrierApi.Timeout, "a FedEx call carrying both numbers");
        JsonNode body = JsonNode.Parse(batch!.Body)!;
        Assert.True(body["includeDetailedScans"]!.GetValue<bool>());
        JsonArray infos = body["trackingInfo"]!.AsArray();
        Assert.InRange(infos.Count, 2, 30);
        Assert.All(infos, i => Assert.False(string.IsNullOrEmpty(i!["trackingNumberInfo"]!["trackingNumber"]!.GetValue<string>())));
        Assert.Equal("Bearer fedex-token-1", batch.Header("Authorization"));
        Assert.Equal(1, Stub.TokenCalls("fedex"));
    }

    [Fact]
    public async Task Usps_InTransit_ReadBackWithEventsAndEta()
    {
        const string number = "9400109104250532908587";
        Stub.Serve(number, "in-transit");
        string token = await CarrierApi.RegisterAsync(app.Client, "E2E-USPS-1", ("usps", number));

        JsonElement shipment = await CarrierApi.WaitForStatusAsync(app.Client, "E2E-USPS-1", token, number, "inTransit");

        JsonElement[] events = [.. shipment.GetProperty("events").EnumerateArray()];
        Assert.Equal(2, events.Length);
        Assert.Equal("Arrived at USPS Regional Facility", events[0].GetProperty("description").GetString());
        Assert.Equal("JACKSONVILLE", events[0].GetProperty("city").GetString());
        Assert.Equal("FL", events[0].GetProperty("region").GetString());
        Assert.Equal("JAMAICA", events[1].GetProperty("city").GetString());
        // expectedDeliveryTimeStamp is local (no offset): read with the events' GMTOffset (-05:00).
        var eta = new DateTimeOffset(DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(2).AddHours(21), DateTimeKind.Unspecified), TimeSpan.FromHours(-5));
        Assert.Equal(eta, shipment.GetProperty("eta").GetDateTimeOffset());
        StubCall call = Stub.TrackCalls("usps", number)[0];
        Assert.Equal("?expand=DETAIL", call.Query);
        Assert.Equal("Bearer usps-token-1", call.Header("Authorization"));
    }

    [Fact]
    public async Task Dhl_CarrierOmitted_DetectedAndReadBackAsCustomsException()
    {
        const string number = "3318810025";
        Stub.Serve(number, "customs-hold");
        string token = await CarrierApi.RegisterAsync(app.Client, "E2E-DHL-1", (null, number));

        JsonElement shipment = await CarrierApi.WaitForStatusAsync(app.Client, "E2E-DHL-1", token, number, "exception");

        Assert.Equal("dhl", shipment.GetProperty("carrier").GetString());
        Assert.Equal("customsHold", shipment.GetProperty("reason").GetString());
        JsonElement newest = shipment.GetProperty("events")[0];
        Assert.Equal("Shipment on hold; customs clearance delay", newest.GetProperty("description").GetString());
        Assert.Equal("NEW YORK", newest.GetProperty("city").GetString());
        Assert.Equal("US", newest.GetProperty("country").GetString());
        Assert.Equal("SHANGHAI", shipment.GetProperty("events")[1].GetProperty("city").GetString());
        Assert.Equal(CarrierStubServer.DhlApiKey, Stub.TrackCalls("dhl", number)[0].Header("DHL-API-Key"));
    }

    [Theory]
    [InlineData("ups", "1Z879E930346834440")]
    [InlineData("fedex", "986578788855")]
    [InlineData("usps", "9400111201080805483016")]
    [InlineData("dhl", "8487135506")]
    public async Task UnknownToTheCarrier_PolledRepeatedly_ReadsNotFound(string carrier, string number)
    {
        // Carrier omitted: detection picks it. The stub has no scenario, so it answers its carrier's "not found".
        string orderId = $"E2E-NF-{carrier}";
        string token = await CarrierApi.RegisterAsync(app.Client, orderId, (null, number));

        // A second call means the first answer was taken as "not found" (a failure would back off for minutes).
        await Eventually.UntilAsync(() => Task.FromResult(Stub.TrackCalls(carrier, number).Count), c => c >= 2, CarrierApi.Timeout, $"two {carrier} calls");

        JsonElement? shipment = await CarrierApi.ShipmentAsync(app.Client, orderId, token, number);
        Assert.NotNull(shipment);
        Assert.Equal(carrier, shipment.Value.GetProperty("carrier").GetString());
        Assert.Equal("notFound", shipment.Value.GetProperty("status").GetString());
        Assert.Equal(0, shipment.Value.GetProperty("events").GetArrayLength());
        Assert.All(Stub.TrackCalls(carrier, number), c => Assert.Equal(carrier is "usps" or "dhl" ? 404 : 200, c.Status));
    }

    private static void AssertPlace(JsonElement ev, string city, string region, string country)
    {
        Assert.Equal(city, ev.GetProperty("city").GetString());
        Assert.Equal(region, ev.GetProperty("region").GetString());
        Assert.Equal(country, ev.GetProperty("country").GetString());
    }
}
