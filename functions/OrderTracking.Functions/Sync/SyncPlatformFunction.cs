using Microsoft.Azure.Functions.Worker;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Sync;

/// <summary><c>SyncPlatform</c>: queue <c>platform-sync</c> → tracking written back to Stripe, PayPal and Shopify.</summary>
internal sealed class SyncPlatformFunction(PlatformSyncer syncer, QueueTrigger trigger) : IQueueMessageHandler<PlatformSyncRequest>
{
    public const string Name = "SyncPlatform";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(QueueNames.PlatformSync)] string message, CancellationToken cancellationToken) =>
        trigger.RunAsync(this, Name, QueueNames.PlatformSync, message, cancellationToken);

    public bool IsValid(PlatformSyncRequest message) =>
        message.OrderKey is not null && message.Carrier is not null && message.TrackingNumber is not null
        && (message.Action is PlatformSyncRequest.Track or PlatformSyncRequest.Cancel || message.EventMilestone is not null);

    public async Task<string> HandleAsync(PlatformSyncRequest message, CancellationToken cancellationToken) =>
        $"{Name}: {await syncer.SyncAsync(message, cancellationToken)}";
}
