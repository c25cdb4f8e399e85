using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Flow;

/// <summary>
/// Issue 3's walking skeleton end to end: a signed Shopify <c>fulfillments/create</c> webhook through the DevHost into
/// the real handler, Azurite queues and tables, the sandbox carrier, and back out through the read API.
/// </summary>
public sealed class WalkingSkeletonTests(FunctionAppFixture app) : IClassFixture<FunctionAppFixture>
{
    private static readonly TimeSpan s_flowTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ShopifyFulfillment_Sbx4_ReachesDeliveredWithEventsAndNoPii()
    {
        using HttpResponseMessage ack = await app.Client.SendAsync(ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(910001, 810001, "SBX4FLOW0001")));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);

        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, "shopify:910001"), s => s == "delivered", s_flowTimeout, "SBX4 to be delivered");

        (HttpStatusCode status, JsonDocument? body) = await TrackingClient.GetAsync(app.Client, "shopify:910001");
        using (body)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            JsonElement shipment = Assert.Single(body!.RootElement.GetProperty("shipments").EnumerateArray());
            Assert.Equal("sandbox", shipment.GetProperty("carrier").GetString());
            Assert.Equal("SBX4FLOW0001", shipment.GetProperty("trackingNumber").GetString());
            string[] statuses = [.. shipment.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("status").GetString()!)];
            Assert.Equal(["delivered", "outForDelivery", "inTransit", "labelCreated"], statuses);
            string raw = body.RootElement.GetRawText();
            foreach (string pii in new[] { "ana@example.com", "García", "Calle Mayor", "+34", "email", "phone" })
            {
                Assert.DoesNotContain(pii, raw, StringComparison.OrdinalIgnoreCase);
            }
        }

        // Nothing secret or personal reaches the logs (DESIGN §12): not the webhook secret, the customer, nor the payload.
        string logs = string.Join('\n', app.Host.HandlerLogs);
        Assert.Contains("IngestEvent", logs, StringComparison.Ordinal); // the logs are really captured
        foreach (string secret in new[] { FunctionAppFixture.ShopifySecret, FunctionAppFixture.ReadTokenKey, "ana@example.com", "García", "Calle Mayor", "tracking_numbers" })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task SameWebhookDeliveredTwice_YieldsOneShipmentAndOneScheduleRow()
    {
        string body = ShopifyWebhooks.Fulfillment(910002, 810002, "SBX2TWICE0002");
        using HttpResponseMessage first = await app.Client.SendAsync(ShopifyWebhooks.Request(body, webhookId: "dup-0002"));
        using HttpResponseMessage second = await app.Client.SendAsync(ShopifyWebhooks.Request(body, webhookId: "dup-0002"));
        using HttpResponseMessage redelivered = await app.Client.SendAsync(ShopifyWebhooks.Request(body, webhookId: "dup-0002-new-id"));
        Assert.All([first, second, redelivered], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Contains("accepted", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal); // one enqueue, no lookup on the ack path

        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, "shopify:910002"), s => s == "inTransit", s_flowTimeout, "SBX2 in transit");
        await WaitForQueueDrainAsync("inbound-events");

        List<TableEntity> shipmentRows = await QueryAsync("Orders", "PartitionKey eq 'shopify:910002' and RowKey ne 'order'");
        Assert.Single(shipmentRows);
        Assert.Single(await QueryAsync("ShipmentIndex", "PartitionKey eq 'sandbox|SBX2TWICE0002'"));
        List<TableEntity> scheduleRows = await QueryAsync("PollSchedule", "TrackingNumber eq 'SBX2TWICE0002'");
        Assert.True(scheduleRows.Count <= 1, $"expected at most one schedule row, found {scheduleRows.Count}");
    }

    [Fact]
    public async Task BadSignature_Is401AndNothingIsStored()
    {
        using HttpResponseMessage forged = await app.Client.SendAsync(
            ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(910003, 810003, "SBX4FORGED003"), secret: "not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        // A valid webhook sent afterwards is a barrier: once it is ingested, the forged one would have been too.
        using HttpResponseMessage barrier = await app.Client.SendAsync(ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(910004, 810004, "SBX1BARRIER04")));
        Assert.Equal(HttpStatusCode.OK, barrier.StatusCode);
        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, "shopify:910004"), s => s is not null, s_flowTimeout, "barrier order");

        Assert.Empty(await QueryAsync("Orders", "PartitionKey eq 'shopify:910003'"));
        Assert.Equal(HttpStatusCode.NotFound, (await TrackingClient.GetAsync(app.Client, "shopify:910003")).Status);
    }

    [Fact]
    public async Task HandlerKilledMidFlow_FlowStillCompletes()
    {
        using HttpResponseMessage ack = await app.Client.SendAsync(ShopifyWebhooks.Request(ShopifyWebhooks.Fulfillment(910005, 810005, "SBX4KILL00005")));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, "shopify:910005"), s => s is "labelCreated" or "inTransit", s_flowTimeout, "first poll");

        await app.Host.KillHandlerAsync();

        await Eventually.UntilAsync(() => TrackingClient.StatusAsync(app.Client, "shopify:910005"), s => s == "delivered", s_flowTimeout, "delivery after the handler restarted");
    }

    private async Task<List<TableEntity>> QueryAsync(string table, string filter)
    {
        var rows = new List<TableEntity>();
        await foreach (TableEntity e in app.Tables.GetTableClient(table).QueryAsync<TableEntity>(filter))
        {
            rows.Add(e);
        }

        return rows;
    }

    private async Task WaitForQueueDrainAsync(string queue) =>
        await Eventually.UntilAsync(
            async () => (await app.Queues.GetQueueClient(queue).PeekMessagesAsync(1)).Value.Length, n => n == 0, s_flowTimeout, queue + " drained");
}
