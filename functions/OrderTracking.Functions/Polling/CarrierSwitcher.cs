using OrderTracking.Carriers;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Polling;

/// <summary>
/// When the carrier a shipment was resolved to answers "not found", tries the next detection candidates right away
/// (issue 5 item 3) and, when one of them knows the number, moves the shipment to it: new shipment, index and
/// schedule rows under the new carrier (due now, so its first poll merges and notifies as usual), then the old rows
/// are removed — the old owner row last, as the commit point. Every step is idempotent, so a retry finishes the move.
/// </summary>
internal sealed partial class CarrierSwitcher(
    CarrierRegistry carriers, OrderStore orders, PollScheduleStore schedule, PollingOptions options, ILogger<CarrierSwitcher> logger)
{
    public async Task<bool> TrySwitchAsync(string carrier, PollItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<ShipmentRecord> rows = [];
        foreach (string orderKey in await orders.GetOrderKeysAsync(carrier, item.TrackingNumber, cancellationToken))
        {
            if (await orders.GetShipmentAsync(orderKey, carrier, item.TrackingNumber, cancellationToken) is { } row)
            {
                rows.Add(row);
            }
        }

        ShipmentRecord? owner = rows.FirstOrDefault(r => r.ScheduleOwner);
        if (owner is null || owner.ScheduleRowKey != item.OriginRowKey || owner.Candidates.Count == 0)
        {
            return false;
        }

        foreach (string candidate in owner.Candidates)
        {
            if (!carriers.TryGet(candidate, out ICarrierTracker? tracker))
            {
                continue;
            }

            IReadOnlyDictionary<string, CarrierTrackingResult> answer =
                await tracker.TrackAsync([new CarrierTrackingRequest(item.TrackingNumber, item.RegisteredAt)], cancellationToken);
            if (answer.TryGetValue(item.TrackingNumber, out CarrierTrackingResult? r) && r.Kind == CarrierResultKind.Found)
            {
                await MoveAsync(rows, owner, candidate, item, now, cancellationToken);
                LogSwitched(logger, carrier, candidate);
                return true;
            }
        }

        return false;
    }

    private async Task MoveAsync(List<ShipmentRecord> rows, ShipmentRecord owner, string target, PollItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> remaining = [.. owner.Candidates.Where(c => c != target)];
        string? scheduleKey = null;
        foreach (ShipmentRecord row in rows)
        {
            var moved = new ShipmentRecord
            {
                OrderKey = row.OrderKey,
                Carrier = target,
                TrackingNumber = row.TrackingNumber,
                TrackingUrl = row.TrackingUrl,
                PlatformShipmentId = row.PlatformShipmentId,
                RegisteredAt = row.RegisteredAt,
                Candidates = remaining,
                ScheduleOwner = row.ScheduleOwner,
                ScheduleRowKey = row.ScheduleOwner ? PollScheduleStore.RowKey(now, row.TrackingNumber) : null,
                Tracking = new ShipmentTracking { Status = TrackingStatus.NotFound, UpdatedAt = now },
            };
            if (!await orders.TryAddShipmentAsync(moved, cancellationToken))
            {
                moved = await orders.GetShipmentAsync(row.OrderKey, target, row.TrackingNumber, cancellationToken) ?? moved;
            }

            await orders.IndexShipmentAsync(target, row.TrackingNumber, row.OrderKey, cancellationToken);
            scheduleKey ??= moved.ScheduleOwner ? moved.ScheduleRowKey : null;
        }

        if (scheduleKey is not null)
        {
            int shard = PollScheduleStore.ShardOf(item.TrackingNumber, options.ShardCount);
            await schedule.AddAsync(target, shard, scheduleKey, item.TrackingNumber, item.RegisteredAt, cancellationToken);
        }

        foreach (ShipmentRecord row in rows.Where(r => !r.ScheduleOwner).Append(owner))
        {
            await orders.UnindexShipmentAsync(row.Carrier, row.TrackingNumber, row.OrderKey, cancellationToken);
            await orders.DeleteShipmentAsync(row, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrier {From} does not know a shipment but {To} does: shipment moved to {To}")]
    private static partial void LogSwitched(ILogger logger, string from, string to);
}
