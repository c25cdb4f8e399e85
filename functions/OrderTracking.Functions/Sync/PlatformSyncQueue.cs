using System.Text.Json;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Sync;

/// <summary>Writes <c>platform-sync</c> messages. Duplicates are harmless: the ledger makes each write-back once.</summary>
internal sealed class PlatformSyncQueue(StorageContext storage)
{
    public async Task EnqueueAsync(string orderKey, IEnumerable<ShipmentRecord> shipments, CancellationToken cancellationToken)
    {
        var queue = storage.Queue(QueueNames.PlatformSync);
        foreach (ShipmentRecord shipment in shipments)
        {
            var request = new PlatformSyncRequest(orderKey, shipment.Carrier, shipment.TrackingNumber, PlatformSyncRequest.Track);
            await queue.SendMessageAsync(JsonSerializer.Serialize(request, Json.Options), cancellationToken: cancellationToken);
        }
    }
}
