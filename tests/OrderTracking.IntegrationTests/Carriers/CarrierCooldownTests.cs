using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Carriers;

/// <summary>
/// A 429 with <c>Retry-After</c> end to end (issue 5 item 4): the handler writes the shared cool-down row in
/// <c>CarrierState</c> and <c>SchedulePolls</c> leaves that carrier alone until it passes, then polling resumes.
/// Its own fixture, so no other shipment of the carrier is in flight.
/// </summary>
public sealed class CarrierCooldownTests(CarrierStubAppFixture app) : IClassFixture<CarrierStubAppFixture>
{
    private const int RetryAfterSeconds = 3;

    [Fact]
    public async Task Usps429WithRetryAfter_WritesCooldownAndPausesCarrierUntilItPasses()
    {
        const string number = "9405803699300124287899";
        app.Stub.Serve(number, "in-transit");
        string token = await CarrierApi.RegisterAsync(app.Client, "E2E-429-1", ("usps", number));
        await CarrierApi.WaitForStatusAsync(app.Client, "E2E-429-1", token, number, "inTransit");

        // Every attempt of the next call is refused (the adapter retries a short Retry-After twice in-call).
        app.Stub.ThrottleNext("usps", 3, RetryAfterSeconds);
        await Eventually.UntilAsync(() => Task.FromResult(app.Stub.TrackCalls("usps").Count(c => c.Status == 429)), n => n == 3, CarrierApi.Timeout, "three 429 answers");
        DateTimeOffset last429 = app.Stub.TrackCalls("usps").Last(c => c.Status == 429).ReceivedAt;

        TableEntity? row = await Eventually.UntilAsync(
            () => app.Tables.GetTableClient("CarrierState").FindAsync("usps", "cooldown"),
            e => e is not null, CarrierApi.Timeout, "the usps cool-down row");
        DateTimeOffset until = row!.GetDateTimeOffset("Until")!.Value;
        Assert.InRange(until, last429.AddSeconds(RetryAfterSeconds - 0.5), last429.AddSeconds(RetryAfterSeconds + 2));

        // Polling resumes after the cool-down, and not one call reached the carrier before it ended.
        StubCall resumed = (await Eventually.UntilAsync(
            () => Task.FromResult(app.Stub.TrackCalls("usps").FirstOrDefault(c => c.ReceivedAt > last429)),
            c => c is not null, CarrierApi.Timeout, "a usps call after the cool-down"))!;
        Assert.True(resumed.ReceivedAt >= until, $"a usps call at {resumed.ReceivedAt:O} during the cool-down until {until:O}");
        Assert.Equal(200, resumed.Status);
        JsonElement? shipment = await CarrierApi.ShipmentAsync(app.Client, "E2E-429-1", token, number);
        Assert.Equal("inTransit", shipment?.GetProperty("status").GetString());
    }
}
