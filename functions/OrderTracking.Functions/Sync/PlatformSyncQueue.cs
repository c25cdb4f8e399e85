using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Core.Notifications;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Sync;

/// <summary>Writes <c>platform-sync</c> messages. Duplicates are harmless: the ledger makes each write-back once.</summary>
internal sealed class PlatformSyncQueue(StorageContext storage, IOptions<ShopifyOptions> shopify)
{
    /// <summary>
    /// Milestones of a number for every order holding it, for Shopify's fulfillment events (the only platform that takes
    /// them). Nothing is sent when Shopify write-back is off; orders that are not Shopify's are dropped by <c>SyncPlatform</c>.
    /// </summary>
    public async Task EnqueueEventsAsync(IEnumerable<string> orderKeys, string carrier, string trackingNumber, IReadOnlyList<Milestone> milestones, CancellationToken cancellationToken)
    {
        if (milestones.Count == 0 || !ShopifyAdminClient.IsConfigured(shopify.Value))
        {
            return;
        }

        var queue = storage.Queue(QueueNames.PlatformSync);
        foreach (string orderKey in orderKeys)
        {
            foreach (Milestone milestone in milestones)
            {
                var request = PlatformSyncRequest.Create(orderKey, carrier, trackingNumber, PlatformSyncRequest.EventAction(milestone));
                await queue.SendMessageAsync(JsonSerializer.Serialize(request, Json.Options), cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>One <paramref name="action"/> (<c>track</c> unless given) per shipment.</summary>
    public async Task EnqueueAsync(string orderKey, IEnumerable<ShipmentRecord> shipments, CancellationToken cancellationToken, string action = PlatformSyncRequest.Track)
    {
        var queue = storage.Queue(QueueNames.PlatformSync);
        foreach (ShipmentRecord shipment in shipments)
        {
            var request = PlatformSyncRequest.Create(orderKey, shipment.Carrier, shipment.TrackingNumber, action);
            await queue.SendMessageAsync(JsonSerializer.Serialize(request, Json.Options), cancellationToken: cancellationToken);
        }
    }
}
