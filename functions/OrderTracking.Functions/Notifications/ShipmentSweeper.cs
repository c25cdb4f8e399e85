using Azure;
using Azure.Data.Tables;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Notifications;

/// <summary>
/// <c>SweepShipments</c> (hourly): finds shipments in transit that stalled or passed their ETA and sends one
/// <c>delayed</c> email per delay episode (the episode key comes from <see cref="DelayPolicy"/>, the ledger makes it
/// once). It reads active shipment rows only (status filter), a scan the hourly cadence affords.
/// </summary>
internal sealed partial class ShipmentSweeper(
    StorageContext storage, OrderStore orders, NotificationQueue notifications, NotificationOptions options, TimeProvider time, ILogger<ShipmentSweeper> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        var delay = new DelayOptions { StalledAfter = options.StalledAfter, EtaGrace = options.EtaGrace };
        string filter = TableClient.CreateQueryFilter(
            $"RowKey ge {ShipmentRows.ShipmentPrefix} and RowKey lt {"shipment}"} and (Status eq {"inTransit"} or Status eq {"outForDelivery"})");
        int started = 0;
        await foreach (TableEntity entity in storage.Table(TableNames.Orders).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            ShipmentRecord shipment = OrderEntityMapper.ToShipment(entity);
            ShipmentTracking t = shipment.Tracking;
            DelayDecision decision = DelayPolicy.Evaluate(new DelayInput(t.Status, t.LastEventAt, t.Eta, t.Delayed), now, delay);
            if (!decision.StartsEpisode)
            {
                continue;
            }

            // Enqueue first, then flag: a crash in between re-derives the same episode key next hour.
            await notifications.EnqueueAsync([shipment.OrderKey], shipment.Carrier, shipment.TrackingNumber, [Milestone.Delayed], decision.EpisodeKey, cancellationToken);
            try
            {
                await orders.UpdateShipmentAsync(shipment with { Tracking = t with { Delayed = true, UpdatedAt = now } }, cancellationToken);
            }
            catch (RequestFailedException ex) when (TableClientExtensions.IsPreconditionFailed(ex))
            {
                // A poll updated the row meanwhile; the next sweep looks again and the ledger keeps it one email.
            }

            started++;
        }

        if (started > 0)
        {
            LogDelayed(logger, started);
        }

        return started;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: {Count} shipment(s) started a delay episode")]
    private static partial void LogDelayed(ILogger logger, int count);
}
