using OrderTracking.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Polling;

/// <summary><c>PollCarrier</c>: queue <c>poll-requests</c> → carrier → merged state → next due row.</summary>
internal sealed class PollCarrierFunction(ShipmentPoller poller, QueueTrigger trigger) : IQueueMessageHandler<PollRequest>
{
    public const string Name = "PollCarrier";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(QueueNames.PollRequests)] string message, CancellationToken cancellationToken) =>
        trigger.RunAsync(this, Name, QueueNames.PollRequests, message, cancellationToken);

    public bool IsValid(PollRequest message) => message.Carrier is not null && message.Items is { Count: > 0 };

    public async Task<string> HandleAsync(PollRequest message, CancellationToken cancellationToken)
    {
        await poller.PollAsync(message, cancellationToken);
        return $"{Name}: {message.Carrier} polled for {message.Items.Count} number(s)";
    }
}
