using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Operations;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Issue 14: <c>GET /api/ops/poison</c>, <c>POST /api/ops/poison/{queue}/replay</c> and <c>/discard</c>, in process
/// with the real services on Azurite: a poisoned event is listed without its content, replayed once and processed
/// once; a discard leaves nothing behind.
/// </summary>
public sealed class PoisonToolsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PoisonedEvent_IsListedWithoutItsContent_ReplayedOnce_AndProcessedOnce()
    {
        await using var sim = new StateMachineHarness(azurite, s_start, new Dictionary<string, string?> { ["Notifications:OrderConfirmed:Api"] = "false" });
        await sim.StartAsync();
        await PoisonAsync(sim, QueueNames.InboundEvents, await EventTextAsync(sim, "POISON-1"));
        PoisonFunctions tools = ActivatorUtilities.CreateInstance<PoisonFunctions>(Services(sim));

        HttpAnswer list = await InProcessHttp.CallAsync(http => tools.ListAsync(http.Request, CancellationToken.None));
        Assert.Equal(200, list.Status);
        Assert.DoesNotContain("ana@example.com", list.Body, StringComparison.Ordinal); // never the content
        JsonElement inbound = JsonDocument.Parse(list.Body).RootElement.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queue").GetString() == QueueNames.InboundEvents);
        Assert.Equal(1, inbound.GetProperty("count").GetInt32());
        Assert.Equal("orderEvent", inbound.GetProperty("oldest")[0].GetProperty("type").GetString());

        HttpAnswer replay = await InProcessHttp.CallAsync(http => tools.ActAsync(http.Request, QueueNames.InboundEvents, "replay", CancellationToken.None));
        Assert.Equal(200, replay.Status);
        Assert.Equal(1, JsonDocument.Parse(replay.Body).RootElement.GetProperty("messages").GetInt32());
        Assert.Equal(0, JsonDocument.Parse(replay.Body).RootElement.GetProperty("left").GetInt32());

        await sim.DrainAsync();
        Assert.Equal(1, sim.Handled.GetValueOrDefault(QueueNames.InboundEvents));
        Assert.NotNull(await sim.Get<OrderStore>().GetOrderAsync("api:POISON-1", CancellationToken.None));

        HttpAnswer again = await InProcessHttp.CallAsync(http => tools.ActAsync(http.Request, QueueNames.InboundEvents, "replay", CancellationToken.None));
        Assert.Equal(0, JsonDocument.Parse(again.Body).RootElement.GetProperty("messages").GetInt32());
        await sim.DrainAsync();
        Assert.Equal(1, sim.Handled.GetValueOrDefault(QueueNames.InboundEvents)); // processed once
    }

    [Fact]
    public async Task Discard_DeletesUpToMax_AndSendsNothingAnywhere()
    {
        await using var sim = new StateMachineHarness(azurite, s_start);
        await sim.StartAsync();
        for (int i = 0; i < 3; i++)
        {
            await PoisonAsync(sim, QueueNames.Notifications, "not json " + i);
        }

        PoisonFunctions tools = ActivatorUtilities.CreateInstance<PoisonFunctions>(Services(sim));
        HttpAnswer discard = await InProcessHttp.CallAsync(
            http => tools.ActAsync(http.Request, QueueNames.Notifications, "discard", CancellationToken.None), r => r.QueryString = new QueryString("?max=2"));
        Assert.Equal(200, discard.Status);
        Assert.Equal(2, JsonDocument.Parse(discard.Body).RootElement.GetProperty("messages").GetInt32());
        Assert.Equal(1, JsonDocument.Parse(discard.Body).RootElement.GetProperty("left").GetInt32());
        Assert.Equal(0, (await sim.Get<StorageContext>().Queue(QueueNames.Notifications).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task UpperCaseAction_IsA404_AndDeletesNothing()
    {
        // Found by the hostile corpus: the route's regex matched "REPLAY" case-insensitively and it ran as a discard.
        await using var sim = new StateMachineHarness(azurite, s_start);
        await sim.StartAsync();
        await PoisonAsync(sim, QueueNames.PlatformSync, "{}");
        PoisonFunctions tools = ActivatorUtilities.CreateInstance<PoisonFunctions>(Services(sim));
        HttpAnswer answer = await InProcessHttp.CallAsync(http => tools.ActAsync(http.Request, QueueNames.PlatformSync, "REPLAY", CancellationToken.None));
        Assert.Equal(404, answer.Status);
        Assert.Equal(1, (await sim.Get<StorageContext>().Queue(QueueNames.Poison(QueueNames.PlatformSync)).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Theory]
    [InlineData("inbound-events-poison", null, 404)]
    [InlineData("orders", null, 404)]
    [InlineData(QueueNames.PollRequests, "?max=0", 400)]
    [InlineData(QueueNames.PollRequests, "?max=1001", 400)]
    [InlineData(QueueNames.PollRequests, "?max=abc", 400)]
    public async Task UnknownQueueOrBadMax_IsAProblem(string queue, string? query, int status)
    {
        await using var sim = new StateMachineHarness(azurite, s_start);
        await sim.StartAsync();
        PoisonFunctions tools = ActivatorUtilities.CreateInstance<PoisonFunctions>(Services(sim));
        HttpAnswer answer = await InProcessHttp.CallAsync(
            http => tools.ActAsync(http.Request, queue, "replay", CancellationToken.None), r => r.QueryString = query is null ? QueryString.Empty : new QueryString(query));
        Assert.Equal(status, answer.Status);
    }

    private static IServiceProvider Services(StateMachineHarness sim) => sim.Get<IServiceProvider>();

    /// <summary>The inbound message a registration of <paramref name="orderId"/> would enqueue.</summary>
    private static async Task<string> EventTextAsync(StateMachineHarness sim, string orderId)
    {
        await sim.Get<InboundQueue>().EnqueueAsync(
            new OrderEvent { Source = OrderSources.Api, ExternalId = orderId, OrderNumber = orderId, Customer = new CustomerInfo("ana@example.com", "Ana", "en") }, CancellationToken.None);
        QueueClient inbound = sim.Get<StorageContext>().Queue(QueueNames.InboundEvents);
        QueueMessage message = (await inbound.ReceiveMessagesAsync(1)).Value.Single();
        await inbound.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        return message.MessageText;
    }

    private static async Task PoisonAsync(StateMachineHarness sim, string queue, string text) =>
        await sim.Get<StorageContext>().Queue(QueueNames.Poison(queue)).SendMessageAsync(text);
}
