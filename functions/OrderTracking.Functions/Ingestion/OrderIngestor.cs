using OrderTracking.Functions.Hosting;
using OrderTracking.Carriers;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Retention;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Sync;
using OrderTracking.Functions.Tracking;
using Microsoft.Extensions.Options;

namespace OrderTracking.Functions.Ingestion;

/// <summary>
/// Turns a normalized <see cref="OrderEvent"/> into the order row, shipment rows, index rows and first poll
/// (DESIGN §4 <c>IngestEvent</c>). Idempotent: every step is an add-if-absent or a merge, in an order that lets a
/// retry after a crash finish the work without doubling anything.
/// </summary>
internal sealed partial class OrderIngestor(
    OrderStore orders, PollScheduleStore schedule, CarrierResolver resolver, PollingOptions options, PlatformSyncer syncer, PlatformSyncQueue sync,
    OrderArchiveStore archive, ExpiryStore expiries, RetentionOptions retention, OrderLookupStore lookup, IOptions<TrackingOptions> tracking,
    NotificationQueue notifications, NotificationOptions notificationOptions, KpiRecorder kpis, TimeProvider time, ILogger<OrderIngestor> logger)
{
    public async Task<IngestSummary> IngestAsync(OrderEvent ev, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        string orderKey = ev.OrderKey;
        if (await archive.IsArchivedAsync(orderKey, cancellationToken))
        {
            // Finished and archived: a late or replayed event must not bring the order back and email its customer again.
            LogArchived(logger, orderKey, ev.Source);
            return new IngestSummary(orderKey, 0, ev.Shipments.Count);
        }

        bool referencesChanged = false;
        OrderRecord? before = null;
        OrderRecord order = await orders.MergeOrderAsync(orderKey, stored =>
        {
            OrderRecord next = ToOrder(ev, orderKey, stored, now);
            referencesChanged = stored is null ? next.References.Count > 0 : !SameReferences(stored.References, next.References);
            before = stored;
            return next;
        }, cancellationToken, beforeCreate: async created =>
        {
            if (ev.Shipments.Count == 0)
            {
                // No shipment yet: if none ever comes, the order's data goes after the retention (OrderArchiver.PurgeIfIdleAsync).
                await expiries.UpsertAsync(orderKey, now + retention.FinishedAfter, cancellationToken);
            }

            // A new order (not a cancellation) from a source that confirms: queued before the row exists, see MergeOrderAsync.
            if (ev.Kind != OrderEventKind.Cancelled && notificationOptions.OrderConfirmed.For(ev.Source) && !string.IsNullOrWhiteSpace(created.CustomerEmail))
            {
                await notifications.EnqueueOrderConfirmedAsync(orderKey, cancellationToken);
            }
        });

        await IndexForLookupAsync(order, before, now, cancellationToken);

        int added = 0;
        int skipped = 0;

        // A number the order already tracks stays with the carrier it has (which may be one it was moved to after a
        // "not found"), whatever carrier a later or repeated event names.
        Dictionary<string, ShipmentRecord> known = ev.Shipments.Count == 0
            ? []
            : (await orders.GetShipmentsAsync(orderKey, cancellationToken)).ToDictionary(s => s.TrackingNumber);
        foreach (ShipmentInfo info in ev.Shipments)
        {
            string number = CarrierResolver.NormalizeTrackingNumber(info.TrackingNumber);
            if (known.TryGetValue(number, out ShipmentRecord? tracked))
            {
                await EnsureIndexedAndScheduledAsync(tracked, cancellationToken); // finishes a crashed earlier attempt
                continue;
            }

            IReadOnlyList<string> candidates = CarrierResolver.IsWellFormed(number) ? resolver.Resolve(info.CarrierName, number) : [];
            if (candidates.Count == 0)
            {
                LogUnresolvedCarrier(logger, orderKey);
                skipped++;
                continue;
            }

            added += await AddShipmentAsync(orderKey, number, candidates, info, now, cancellationToken) ? 1 : 0;
        }

        // Cancelled before the write-backs are enqueued, so a track action that runs after this sees the cancellation.
        IReadOnlyList<ShipmentRecord> cancelled = ev.Kind == OrderEventKind.Cancelled
            ? await CancelUnshippedAsync(orderKey, now, cancellationToken)
            : await CancelShipmentsAsync(orderKey, Cancellations(ev), now, cancellationToken);
        bool syncs = syncer.TargetsOf(order).Count > 0;
        if (ev.Kind != OrderEventKind.Cancelled && (ev.Shipments.Count > 0 || referencesChanged || cancelled.Count > 0) && syncs)
        {
            // Every shipment, not only new ones: references may arrive after the tracking (a Stripe event after a
            // registration), and a retry after a crash must still enqueue. The ledger drops what was already written.
            // A repeated order update that changes nothing enqueues nothing.
            await sync.EnqueueAsync(orderKey, await orders.GetShipmentsAsync(orderKey, cancellationToken), cancellationToken);
        }

        if (cancelled.Count > 0 && syncs)
        {
            await sync.EnqueueAsync(orderKey, cancelled, cancellationToken, PlatformSyncRequest.Cancel);
        }

        return new IngestSummary(orderKey, added, skipped);
    }

    /// <summary>
    /// The <c>OrderLookup</c> rows that let the customer find the order by number + email (the merged row's values:
    /// an event without them keeps the stored ones). Written on every event, after the order row, so a retry after a
    /// crash writes them too; a replace of the same row costs one operation.
    /// </summary>
    private async Task IndexForLookupAsync(OrderRecord merged, OrderRecord? stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? email = merged.CustomerEmail ?? stored?.CustomerEmail;
        IReadOnlyList<string> numbers = OrderLookupStore.NumbersOf(merged.Source, merged.ExternalId, merged.OrderNumber ?? stored?.OrderNumber);
        if (!string.IsNullOrWhiteSpace(email) && numbers.Count > 0)
        {
            await lookup.IndexAsync(tracking.Value.ReadTokenKeys[0], merged.OrderKey, numbers, email, now, cancellationToken);
        }
    }

    /// <summary>What the event cancels: the shipments it names as cancelled, and those its new shipments replace.</summary>
    private static List<ShipmentCancellation> Cancellations(OrderEvent ev) =>
    [
        .. ev.CancelledShipments.Select(c => c with { TrackingNumber = CarrierResolver.NormalizeTrackingNumber(c.TrackingNumber) }),
        .. ev.Shipments.Where(s => s.Replaces is not null).Select(s => new ShipmentCancellation(CarrierResolver.NormalizeTrackingNumber(s.Replaces!))),
    ];

    /// <summary>
    /// Marks the named shipments cancelled (a terminal status: polling stops, a late carrier event does not revive it).
    /// Returns every matching shipment, including those already cancelled, so a retry after a crash still enqueues
    /// their write-back cancellations (the ledger makes each one once).
    /// </summary>
    private async Task<IReadOnlyList<ShipmentRecord>> CancelShipmentsAsync(string orderKey, List<ShipmentCancellation> cancellations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (cancellations.Count == 0)
        {
            return [];
        }

        var matched = new List<ShipmentRecord>();
        foreach (ShipmentRecord s in await orders.GetShipmentsAsync(orderKey, cancellationToken))
        {
            if (cancellations.Exists(c => c.TrackingNumber == s.TrackingNumber && (c.PlatformShipmentId is null || c.PlatformShipmentId == s.PlatformShipmentId)))
            {
                matched.Add(s.Tracking.Status == TrackingStatus.Cancelled ? s : await CancelAsync(s, now, cancellationToken));
            }
        }

        if (matched.Count > 0)
        {
            LogShipmentsCancelled(logger, orderKey, matched.Count);
        }

        return matched;
    }

    private async Task<ShipmentRecord> CancelAsync(ShipmentRecord s, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await expiries.UpsertAsync(s.OrderKey, now + retention.FinishedAfter, cancellationToken); // terminal: retention starts
        return await orders.UpdateShipmentAsync(s with { Tracking = s.Tracking with { Status = TrackingStatus.Cancelled, Delayed = false, UpdatedAt = now } }, cancellationToken);
    }

    private async Task<bool> AddShipmentAsync(
        string orderKey, string number, IReadOnlyList<string> candidates, ShipmentInfo info, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string carrier = candidates[0];
        bool owner = await ClaimPollingAsync(orderKey, carrier, number, cancellationToken);
        var shipment = new ShipmentRecord
        {
            OrderKey = orderKey,
            Carrier = carrier,
            TrackingNumber = number,
            TrackingUrl = info.TrackingUrl,
            PlatformShipmentId = info.PlatformShipmentId,
            Replaces = info.Replaces,
            RegisteredAt = now,
            Candidates = [.. candidates.Skip(1)],
            ScheduleOwner = owner,
            ScheduleRowKey = PollScheduleStore.RowKey(now, number),
            Tracking = new ShipmentTracking { Status = TrackingStatus.NotFound, UpdatedAt = now },
            TraceParent = Telemetry.CurrentTraceParent,
        };

        bool isNew = await orders.TryAddShipmentAsync(shipment, cancellationToken);
        if (!isNew)
        {
            // A retry or a duplicate event: continue from what is stored so the schedule row key stays the same.
            shipment = await orders.GetShipmentAsync(orderKey, carrier, number, cancellationToken) ?? shipment;
        }

        await EnsureIndexedAndScheduledAsync(shipment, cancellationToken);
        return isNew;
    }

    /// <summary>
    /// Whether a new shipment of <paramref name="orderKey"/> owns the polling of the number. Another order holding the
    /// number with a live journey (its owner still scheduled, not terminal) keeps ownership and the new shipment shares
    /// its results. A journey that has ended (delivered, returned, cancelled, expired, or nothing scheduled any more) is
    /// not shared: carriers reuse numbers, so those orders are taken out of the index — they keep their final state —
    /// and the new shipment owns polling. Without this a reused number was never polled. Idempotent on retry.
    /// </summary>
    private async Task<bool> ClaimPollingAsync(string orderKey, string carrier, string number, CancellationToken cancellationToken)
    {
        string[] others = [.. (await orders.GetOrderKeysAsync(carrier, number, cancellationToken)).Where(k => k != orderKey)];
        if (others.Length == 0)
        {
            return true;
        }

        var holders = new List<(string OrderKey, ShipmentRecord? Shipment)>();
        foreach (string other in others)
        {
            holders.Add((other, await orders.GetShipmentAsync(other, carrier, number, cancellationToken)));
        }

        bool live = holders.Any(h => h.Shipment is { ScheduleOwner: true, ScheduleRowKey: not null } s && !s.Tracking.Status.IsTerminal());
        if (live)
        {
            return false;
        }

        foreach ((string other, _) in holders)
        {
            await orders.UnindexShipmentAsync(carrier, number, other, cancellationToken);
        }

        LogNumberReused(logger, carrier, holders.Count);
        return true;
    }

    /// <summary>
    /// The idempotent tail of adding a shipment: index row, and until its first poll the KPI count (once, by its marker)
    /// and the first schedule row. The count comes before the schedule row, so the journey is counted before it can move.
    /// </summary>
    private async Task EnsureIndexedAndScheduledAsync(ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        await orders.IndexShipmentAsync(shipment.Carrier, shipment.TrackingNumber, shipment.OrderKey, cancellationToken);
        if (shipment.ScheduleOwner && shipment.LastLeaseRowKey is null && shipment.ScheduleRowKey is not null)
        {
            await kpis.RegisteredAsync(shipment, cancellationToken);
            int shard = PollScheduleStore.ShardOf(shipment.TrackingNumber, options.ShardCount);
            await schedule.AddAsync(shipment.Carrier, shard, shipment.ScheduleRowKey, shipment.TrackingNumber, shipment.RegisteredAt, cancellationToken);
        }
    }

    /// <summary>A cancelled order cancels the shipments that never moved (and, with them, their PayPal trackers).</summary>
    private async Task<IReadOnlyList<ShipmentRecord>> CancelUnshippedAsync(string orderKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cancelled = new List<ShipmentRecord>();
        foreach (ShipmentRecord s in await orders.GetShipmentsAsync(orderKey, cancellationToken))
        {
            if (s.Tracking.Status is TrackingStatus.NotFound or TrackingStatus.LabelCreated)
            {
                cancelled.Add(await CancelAsync(s, now, cancellationToken));
            }
            else if (s.Tracking.Status == TrackingStatus.Cancelled)
            {
                cancelled.Add(s);
            }
        }

        return cancelled;
    }

    private static bool SameReferences(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out string? v) && v == kv.Value);

    private static OrderRecord ToOrder(OrderEvent ev, string orderKey, OrderRecord? stored, DateTimeOffset now)
    {
        (Dictionary<string, string> references, Dictionary<string, DateTimeOffset> referencesAt) = ReferenceMerge.Merge(
            stored?.References ?? new Dictionary<string, string>(), stored?.ReferencesAt ?? new Dictionary<string, DateTimeOffset>(),
            ev.References, ev.OccurredAt);
        return new()
        {
            OrderKey = orderKey,
            Source = ev.Source,
            ExternalId = ev.ExternalId,
            OrderNumber = ev.OrderNumber,
            CustomerEmail = ev.Customer?.Email,
            CustomerName = ev.Customer?.Name,
            Locale = ev.Customer?.Locale,
            CustomerPhone = ev.Customer?.Phone,
            SmsOptIn = ev.Customer?.Sms,
            References = references,
            ReferencesAt = referencesAt,
            Cancelled = ev.Kind == OrderEventKind.Cancelled,
            CreatedAt = stored is null ? now : null,
            UpdatedAt = now,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderKey}: a {Source} event for an order archived after its retention (Retention:FinishedAfter) was ignored")]
    private static partial void LogArchived(ILogger logger, string orderKey, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderKey}: {Count} shipment(s) cancelled or replaced")]
    private static partial void LogShipmentsCancelled(ILogger logger, string orderKey, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Carrier} tracking number was reused after its journey ended; {Orders} earlier order(s) keep their final state")]
    private static partial void LogNumberReused(ILogger logger, string carrier, int orders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderKey}: a shipment's carrier could not be resolved from its name or number; skipped")]
    private static partial void LogUnresolvedCarrier(ILogger logger, string orderKey);
}
