using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;
using Xunit.Abstractions;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 12: what one order costs in storage operations, stage by stage (the soak found Azurite, at about 40 operations
/// an order, to be what bounds this machine). One Shopify order with one shipment runs label → delivered on the fake
/// clock; every storage request the app sends is counted under the function, tick or sweep that sent it.
/// </summary>
public sealed class StorageCostTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OneDeliveredOrder_EachPollReadsItsRowsOnce_AndEveryStageStaysWithinItsStorageBudget()
    {
        var counter = new StageCountingHandler();
        await using var sim = new StateMachineHarness(
            azurite, s_start, new Dictionary<string, string?> { ["Carriers:Sandbox:StepSeconds"] = "86400" },
            services =>
            {
                services.AddSingleton(new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(counter)) });
                services.AddSingleton(new QueueClientOptions { Transport = new HttpClientTransport(new HttpClient(counter)) });
            });
        await sim.StartAsync();
        const string number = "SBX4COST00001"; // label → in transit (day 1) → out for delivery (day 2) → delivered (day 3)
        await sim.Get<InboundQueue>().EnqueueAsync(new OrderEvent
        {
            Source = OrderSources.Shopify,
            ExternalId = "820982911946154508",
            OrderNumber = "#1001",
            EventId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
            Customer = new CustomerInfo("ana@example.com", "Ana", "en"),
            Shipments = [new ShipmentInfo(number, "sandbox")],
        }, CancellationToken.None);
        counter.Requests.Clear();

        await sim.RunUntilAsync(s_start.AddDays(5));

        foreach (IGrouping<string, KeyValuePair<string, int>> stage in counter.Requests.GroupBy(r => r.Key.Split('|')[0]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int runs = sim.Handled.GetValueOrDefault(stage.Key);
            output.WriteLine($"{stage.Key}: {stage.Sum(r => r.Value)} requests{(runs > 0 ? $" in {runs} runs" : "")}: {string.Join(", ", stage.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key.Split('|')[1]} {r.Value}"))}");
        }

        output.WriteLine($"{sim.Ticks} ticks");
        ShipmentRecord shipment = (await sim.Get<OrderStore>().GetShipmentAsync("shopify:820982911946154508", "sandbox", number, CancellationToken.None))!;
        Assert.Equal(OrderTracking.Core.Tracking.TrackingStatus.Delivered, shipment.Tracking.Status);

        // A poll reads the number's index and its row once: the stale check's read is what the merge starts from
        // (it was read twice before, 6.2 requests a poll instead of 4.2). Then one row write and one schedule move.
        int polls = sim.Handled[QueueNames.PollRequests];
        Assert.InRange(polls, 10, 60);
        Assert.Equal(polls, counter.Requests.GetValueOrDefault($"{QueueNames.PollRequests}|GET {TableNames.ShipmentIndex}"));
        Assert.Equal(polls, counter.Requests.GetValueOrDefault($"{QueueNames.PollRequests}|GET {TableNames.Orders}"));
        Assert.Equal(polls, counter.Requests.GetValueOrDefault($"{QueueNames.PollRequests}|PUT {TableNames.Orders}"));
        Assert.InRange(counter.Count(QueueNames.PollRequests), 4 * polls, (4 * polls) + 10); // + the milestones' sends and the few index writes

        // Ingesting the order (receipt check and record, order, shipment, index, lookup, schedule, KPI check): 15.
        Assert.InRange(counter.Count(QueueNames.InboundEvents), 1, 15);

        // Three milestone emails (shipped, out for delivery, delivered), each a ledger claim, the order read and the send.
        int emails = sim.Handled[QueueNames.Notifications];
        Assert.Equal(3, emails);
        Assert.InRange(counter.Count(QueueNames.Notifications), emails, 7 * emails);
    }
}
