using System.Text.Json;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Polling;

/// <summary><c>PollCarrier</c>: queue <c>poll-requests</c> → carrier → merged state → next due row.</summary>
internal sealed class PollCarrierFunction(ShipmentPoller poller, StorageContext storage, DeadLetter deadLetter) : IQueueMessageHandler
{
    public const string Name = "PollCarrier";

    public async Task<InvocationResponse> HandleAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        PollRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<PollRequest>(invocation.MessageText, Json.Options);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null || request.Items is null || request.Items.Count == 0)
        {
            return await deadLetter.SendAsync(QueueNames.PollRequests, invocation.MessageText, "not a poll request", cancellationToken);
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        await poller.PollAsync(request, cancellationToken);
        return InvocationResponse.WithLogs($"{Name}: {request.Carrier} polled for {request.Items.Count} number(s)");
    }
}
