using OrderTracking.Functions.Hosting;
using Azure;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Polling;
using OrderTracking.Core.Tracking;
using OrderTracking.Core.Kpis;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Retention;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Sync;

namespace OrderTracking.Functions.Polling;

/// <summary>Applies one carrier answer to the shipment rows of every order that holds the number.</summary>
internal sealed partial class ShipmentUpdater(
    OrderStore orders, DelayCheckStore delayChecks, KpiRecorder kpis, ExpiryStore expiries, NotificationQueue notifications, PlatformSyncQueue sync, PollCadence cadence,
    PollingOptions options, NotificationOptions notificationOptions, RetentionOptions retention, ILogger<ShipmentUpdater> logger)
{
    private const int MaxConcurrencyRetries = 5;

    /// <summary>Every order's shipment row for the number (read once for the stale check and reused by the first apply).</summary>
    public async Task<IReadOnlyList<ShipmentRecord>> ReadRowsAsync(string carrier, PollItem item, CancellationToken cancellationToken)
    {
        List<ShipmentRecord> rows = [];
        foreach (string orderKey in await orders.GetOrderKeysAsync(carrier, item.TrackingNumber, cancellationToken))
        {
            if (await orders.GetShipmentAsync(orderKey, carrier, item.TrackingNumber, cancellationToken) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>
    /// True when the item's lease is still the live one (the owner's schedule row is the one leased): only then is a
    /// carrier call worth its budget. A duplicate, or the retry of a request whose answer is stored, is not.
    /// </summary>
    public static bool IsFresh(IReadOnlyList<ShipmentRecord> rows, PollItem item) =>
        rows.FirstOrDefault(r => r.ScheduleOwner) is { } owner && owner.ScheduleRowKey == item.OriginRowKey;

    /// <summary>
    /// Returns the schedule row key to move the lease to, or null to drop the lease (stop or stale request). The first
    /// attempt decides on <paramref name="rows"/> (read before the carrier call): every write is guarded by their ETags,
    /// so if another instance wrote in between, the write fails, and the next attempt reads again and re-decides.
    /// </summary>
    public async Task<string?> ApplyAsync(
        string carrier, PollItem item, CarrierTrackingResult result, DateTimeOffset now, IReadOnlyList<ShipmentRecord> rows, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await ApplyOnceAsync(carrier, item, result, now, attempt == 0 ? rows : await ReadRowsAsync(carrier, item, cancellationToken), cancellationToken);
            }
            catch (RequestFailedException ex) when (TableClientExtensions.IsPreconditionFailed(ex) && attempt < MaxConcurrencyRetries)
            {
                // Another instance updated a row between our read and write: read again and re-decide.
            }
        }
    }

    private async Task<string?> ApplyOnceAsync(
        string carrier, PollItem item, CarrierTrackingResult result, DateTimeOffset now, IReadOnlyList<ShipmentRecord> rows, CancellationToken cancellationToken)
    {
        ShipmentRecord? owner = rows.FirstOrDefault(r => r.ScheduleOwner);
        if (owner is null || (owner.ScheduleRowKey != item.OriginRowKey && owner.LastLeaseRowKey != item.LeaseRowKey))
        {
            LogStaleRequest(logger, carrier);
            return null;
        }

        if (owner.ScheduleRowKey != item.OriginRowKey)
        {
            // Retry of a request whose rows were already written: only the schedule move is left.
            return owner.ScheduleRowKey;
        }

        using System.Diagnostics.Activity? span = Telemetry.Start("poll " + carrier, owner.TraceParent);
        span?.SetTag("ordertracking.carrier", carrier);
        span?.SetTag("ordertracking.result", result.Kind.ToString());
        MergeOutcome merged = TrackingMerger.Merge(owner.Tracking, result, now);
        ShipmentRecord updatedOwner = NextOwnerState(owner, KeepDelayEpisode(owner.Tracking, merged.State, now), result, item, now);
        updatedOwner = updatedOwner with { Facts = ShipmentFactsPolicy.Observe(owner.Facts, updatedOwner.Tracking, merged.Changed, now) };
        IReadOnlyList<Milestone> milestones = MilestonePolicy.MilestonesFor(
            owner.Tracking.Status, updatedOwner.Tracking.Status,
            MilestonePolicy.HasCarrierScan(owner.Tracking.Events), MilestonePolicy.HasCarrierScan(updatedOwner.Tracking.Events));

        // Before the commit point: a crash after this re-derives the same milestones, and the ledger drops the repeat.
        await notifications.EnqueueAsync(rows.Select(r => r.OrderKey), carrier, item.TrackingNumber, milestones, null, cancellationToken);
        await sync.EnqueueEventsAsync(rows.Select(r => r.OrderKey), carrier, item.TrackingNumber, milestones, cancellationToken);
        await kpis.TransitionsAsync(owner, KpiTransitions.Between(owner.Facts, updatedOwner.Facts), cancellationToken);
        if (!owner.Tracking.Status.IsTerminal() && updatedOwner.Tracking.Status.IsTerminal())
        {
            foreach (string orderKey in rows.Select(r => r.OrderKey).Distinct(StringComparer.Ordinal))
            {
                await expiries.UpsertAsync(orderKey, now + retention.FinishedAfter, cancellationToken); // the order may be archived from then on
            }
        }

        foreach (ShipmentRecord other in rows.Where(r => !r.ScheduleOwner))
        {
            await orders.UpdateShipmentAsync(await IndexDelayCheckAsync(other with { Tracking = updatedOwner.Tracking, Facts = updatedOwner.Facts }, cancellationToken), cancellationToken);
        }

        // The owner row is the commit point: once it names the new schedule row, a retry only finishes the move.
        updatedOwner = await IndexDelayCheckAsync(updatedOwner, cancellationToken);
        await orders.UpdateShipmentAsync(updatedOwner, cancellationToken);
        if (merged.StatusChanged)
        {
            LogStatusChanged(logger, carrier, merged.Previous, updatedOwner.Tracking.Status);
        }

        return updatedOwner.ScheduleRowKey;
    }

    /// <summary>
    /// Keeps the <c>DelayChecks</c> index ahead of the row: when the earliest time this shipment could become delayed
    /// is now earlier than the check it has (or it has none: newly in transit, a delay episode just ended), the index
    /// row is written first and the row records it. A later time needs no write: the sweep visits the earlier row,
    /// finds nothing yet and moves it. So a poll costs an extra write about once per shipment (first scan, first ETA).
    /// </summary>
    private async Task<ShipmentRecord> IndexDelayCheckAsync(ShipmentRecord row, CancellationToken cancellationToken)
    {
        DateTimeOffset? check = DelayPolicy.NextCheckAt(
            new DelayInput(row.Tracking.Status, row.Tracking.LastEventAt, row.Tracking.Eta, row.Tracking.Delayed), notificationOptions.Delay);
        if (check is not { } at || (row.DelayCheckAt is { } existing && existing <= at))
        {
            return row;
        }

        await delayChecks.UpsertAsync(row.OrderKey, row.Carrier, row.TrackingNumber, at, cancellationToken);
        return row with { DelayCheckAt = at };
    }

    /// <summary>
    /// The merge takes the carrier's <c>delayed</c> flag, which would end a delay episode that <c>SweepShipments</c>
    /// started (and emailed) at the next poll without a new scan. Keep the flag while <see cref="DelayPolicy"/> still
    /// finds the shipment delayed; a poll never starts an episode (the sweep does, and sends its email).
    /// </summary>
    private ShipmentTracking KeepDelayEpisode(ShipmentTracking before, ShipmentTracking merged, DateTimeOffset now)
    {
        if (merged.Delayed || !before.Delayed)
        {
            return merged;
        }

        bool stillDelayed = DelayPolicy.Evaluate(new DelayInput(merged.Status, merged.LastEventAt, merged.Eta, WasDelayed: true), now, notificationOptions.Delay).IsDelayed;
        return stillDelayed ? merged with { Delayed = true } : merged;
    }

    private ShipmentRecord NextOwnerState(ShipmentRecord owner, ShipmentTracking tracking, CarrierTrackingResult result, PollItem item, DateTimeOffset now)
    {
        int notFound = result.Kind == CarrierResultKind.NotFound ? owner.NotFoundCount + 1 : result.Kind == CarrierResultKind.Found ? 0 : owner.NotFoundCount;
        // A deferral (no budget in time) was no call: it neither counts as a failure nor clears earlier ones.
        int failures = result.Kind switch
        {
            CarrierResultKind.Failed => owner.PollFailures + 1,
            CarrierResultKind.Deferred => owner.PollFailures,
            _ => 0,
        };
        bool confirmed = owner.DeliveryConfirmed || (owner.Tracking.Status == TrackingStatus.Delivered && result.Kind == CarrierResultKind.Found);

        DateTimeOffset? nextDue;
        if (result.Kind is CarrierResultKind.Deferred)
        {
            nextDue = now + (result.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1));
        }
        else if (result.Kind is CarrierResultKind.Throttled or CarrierResultKind.Failed)
        {
            nextDue = now + BackOff(result, failures);
        }
        else
        {
            PollDecision decision = cadence.Next(
                new PollContext(tracking.Status, tracking.Eta, tracking.LastEventAt, owner.RegisteredAt, notFound, confirmed), now, Random.Shared);
            if (decision.Expire)
            {
                tracking = tracking with { Status = TrackingStatus.Expired, UpdatedAt = now };
            }

            nextDue = decision.NextDue;
        }

        return owner with
        {
            Tracking = tracking,
            NotFoundCount = notFound,
            PollFailures = failures,
            DeliveryConfirmed = confirmed,
            LastPolledAt = result.Kind == CarrierResultKind.Deferred ? owner.LastPolledAt : now,
            NextPollAt = nextDue,
            LastLeaseRowKey = item.LeaseRowKey,
            ScheduleRowKey = nextDue is { } due ? PollScheduleStore.RowKey(due, item.TrackingNumber) : null,
        };
    }

    private TimeSpan BackOff(CarrierTrackingResult result, int failures)
    {
        if (result.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero)
        {
            return retryAfter;
        }

        if (result.Kind == CarrierResultKind.Throttled)
        {
            return options.ThrottleBackOff;
        }

        TimeSpan backOff = TimeSpan.FromTicks(options.FailureBackOff.Ticks << Math.Clamp(failures - 1, 0, 10));
        return backOff > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : backOff;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrier {Carrier}: a stale or duplicate poll request was dropped")]
    private static partial void LogStaleRequest(ILogger logger, string carrier);

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrier {Carrier}: shipment status {Previous} -> {Current}")]
    private static partial void LogStatusChanged(ILogger logger, string carrier, TrackingStatus previous, TrackingStatus current);
}
