using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Polling;

/// <summary><c>PollCarrier</c>: queue <c>poll-requests</c> → carrier → merged state → next due row.</summary>
internal sealed class PollCarrierFunction(ShipmentPoller poller) : IQueueMessageHandler<PollRequest>
{
    public const string Name = "PollCarrier";

    public bool IsValid(PollRequest message) => message.Carrier is not null && message.Items is { Count: > 0 };

    public async Task<InvocationResponse> HandleAsync(PollRequest message, QueueInvocation invocation, CancellationToken cancellationToken)
    {
        await poller.PollAsync(message, cancellationToken);
        return InvocationResponse.WithLogs($"{Name}: {message.Carrier} polled for {message.Items.Count} number(s)");
    }
}
