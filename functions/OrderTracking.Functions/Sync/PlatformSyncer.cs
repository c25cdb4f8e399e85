using OrderTracking.Functions.Hosting;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Commerce.Stripe;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Sync;

/// <summary>
/// <c>SyncPlatform</c>'s work: write one shipment's tracking to every configured platform the order has references
/// for, exactly once per (platform, order, shipment, action). The ledger row is claimed before the call; a row already
/// done or failed ends the work; the platform call is itself idempotent (Stripe: a deterministic Idempotency-Key
/// after a read that skips a write already made), so a crash between the call and the ledger update repeats nothing.
/// Transient failures throw: the queue retries, then poisons.
/// </summary>
internal sealed partial class PlatformSyncer(
    OrderStore orders, PlatformSyncLedgerStore ledger, IOptions<StripeOptions> stripe, IOptions<PayPalOptions> payPal, IOptions<ShopifyOptions> shopify,
    IServiceProvider services,
    TimeProvider time, ILogger<PlatformSyncer> logger)
{
    public const string Stripe = "stripe";
    public const string PayPal = "paypal";
    public const string Shopify = "shopify";

    /// <summary>The platforms this order would be written back to with the current configuration.</summary>
    public IReadOnlyList<string> TargetsOf(OrderRecord order)
    {
        var targets = new List<string>();
        if (StripeApiClientFactory.IsConfigured(stripe.Value)
            && (order.References.ContainsKey(PlatformReferenceKeys.StripeChargeId) || order.References.ContainsKey(PlatformReferenceKeys.StripePaymentIntentId)))
        {
            targets.Add(Stripe);
        }

        // A PayPal tracker hangs on a capture: until the capture event has brought its id, there is nothing to attach to.
        // A Shopify order paid with PayPal gets one too (the transaction id comes from the order's transactions).
        if (PayPalTrackingClient.IsConfigured(payPal.Value)
            && ((order.References.ContainsKey(PlatformReferenceKeys.PayPalOrderId) && order.References.ContainsKey(PlatformReferenceKeys.PayPalCaptureId))
                || (IsShopifyOrder(order) && PaidWithPayPal(order))))
        {
            targets.Add(PayPal);
        }

        if (IsShopifyOrder(order))
        {
            targets.Add(Shopify);
        }

        return targets;
    }

    private bool IsShopifyOrder(OrderRecord order) =>
        ShopifyAdminClient.IsConfigured(shopify.Value) && order.Source == OrderSources.Shopify
        && order.References.ContainsKey(PlatformReferenceKeys.ShopifyOrderGid);

    private static bool PaidWithPayPal(OrderRecord order) =>
        order.References.GetValueOrDefault(PlatformReferenceKeys.ShopifyPaymentGateways)?
            .Split(',').Any(g => g.Contains("paypal", StringComparison.OrdinalIgnoreCase)) == true;

    public async Task<string> SyncAsync(PlatformSyncRequest request, CancellationToken cancellationToken)
    {
        OrderRecord? order = await orders.GetOrderAsync(request.OrderKey, cancellationToken);
        ShipmentRecord? shipment = await orders.GetShipmentAsync(request.OrderKey, request.Carrier, request.TrackingNumber, cancellationToken);
        if (order is null || shipment is null)
        {
            return "nothing to sync (order or shipment not found)";
        }

        var outcomes = new List<string>();
        Milestone? milestone = request.EventMilestone;
        bool cancel = request.Action == PlatformSyncRequest.Cancel;
        var transient = new List<Exception>();

        // Events are Shopify's alone; only PayPal trackers are taken back (a replaced Shopify fulfillment is updated by
        // its replacement's track, and Stripe's charge is rewritten by it).
        foreach (string platform in TargetsOf(order).Where(p => milestone is not null ? p == Shopify : !cancel || p == PayPal))
        {
            string rowKey = PlatformSyncLedgerStore.RowKey(platform, request.Carrier, request.TrackingNumber, request.Action);
            string state = await ledger.ClaimAsync(request.OrderKey, rowKey, request.MessageId, time.GetUtcNow(), cancellationToken);
            if (state is PlatformSyncLedgerStore.Done or PlatformSyncLedgerStore.Failed)
            {
                outcomes.Add($"{platform} already {state}");
                continue;
            }

            if (state == PlatformSyncLedgerStore.Busy)
            {
                // A duplicate: the message holding the row writes it (its own retries included), so this one is dropped.
                outcomes.Add($"{platform} being written by another message");
                continue;
            }

            string result;
            string? platformId;
            string? reason;
            try
            {
                (result, platformId, reason) = await WriteAsync(platform, request, order, shipment, milestone, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One platform down must not hold the others back: they finish now, and the queue's retry finds their
                // rows done and tries only this one again.
                LogTransient(logger, platform, ex.GetType().Name);
                transient.Add(ex);
                outcomes.Add($"{platform} retrying");
                continue;
            }

            await ledger.MarkAsync(request.OrderKey, rowKey, result, platformId, reason, time.GetUtcNow(), cancellationToken);
            Telemetry.WriteBacks.Add(1, new KeyValuePair<string, object?>("platform", platform), new KeyValuePair<string, object?>("outcome", result));
            if (result == PlatformSyncLedgerStore.Failed)
            {
                LogRejected(logger, platform, reason ?? string.Empty);
            }

            outcomes.Add($"{platform} {result}");
        }

        if (transient.Count > 0)
        {
            if (transient.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(transient[0]).Throw();
            }

            throw new AggregateException("Write-back failed for more than one platform.", transient);
        }

        return outcomes.Count == 0 ? "no platform to sync" : string.Join(", ", outcomes);
    }

    private async Task<(string State, string? PlatformId, string? Reason)> WriteAsync(
        string platform, PlatformSyncRequest request, OrderRecord order, ShipmentRecord shipment, Milestone? milestone, CancellationToken cancellationToken)
    {
        bool cancel = request.Action == PlatformSyncRequest.Cancel;

        // Read after the claim: a shipment cancelled before this claim is seen here, and one cancelled after it finds
        // this row pending and waits for it (see CancelPayPalAsync), so no tracker outlives its shipment.
        if (!cancel && milestone is null
            && (await orders.GetShipmentAsync(request.OrderKey, request.Carrier, request.TrackingNumber, cancellationToken))?.Tracking.Status == TrackingStatus.Cancelled)
        {
            return (PlatformSyncLedgerStore.Done, null, "shipment cancelled before write-back");
        }

        return platform switch
        {
            PayPal when cancel => await CancelPayPalAsync(order, shipment, cancellationToken),
            Stripe => await WriteStripeAsync(order, shipment, cancellationToken),
            PayPal => await WritePayPalAsync(order, shipment, cancellationToken),
            Shopify when milestone is { } m => await WriteShopifyEventAsync(order, shipment, m, cancellationToken),
            Shopify => await WriteShopifyAsync(order, shipment, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown platform '{platform}'."),
        };
    }

    private async Task<(string State, string? PlatformId, string? Reason)> WriteStripeAsync(OrderRecord order, ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        // Stripe holds one carrier and one tracking text per charge: every number the order ships with this carrier.
        string[] numbers = [.. (await orders.GetShipmentsAsync(order.OrderKey, cancellationToken))
            .Where(s => s.Carrier == shipment.Carrier && s.Tracking.Status != TrackingStatus.Cancelled)
            .Select(s => s.TrackingNumber)
            .Order(StringComparer.Ordinal)];
        var target = new StripeTrackingTarget(
            order.References.GetValueOrDefault(PlatformReferenceKeys.StripeChargeId),
            order.References.GetValueOrDefault(PlatformReferenceKeys.StripePaymentIntentId),
            CarrierDisplayName(shipment.Carrier),
            numbers.Length == 0 ? [shipment.TrackingNumber] : numbers);
        StripeTrackingResult result = await services.GetRequiredService<StripeTrackingWriter>().WriteAsync(target, cancellationToken);
        return result.Done
            ? (PlatformSyncLedgerStore.Done, result.ChargeId, result.AlreadyPresent ? "already on the charge" : null)
            : (PlatformSyncLedgerStore.Failed, null, result.Error);
    }

    private async Task<(string State, string? PlatformId, string? Reason)> WritePayPalAsync(OrderRecord order, ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        PayPalTrackingClient payPalClient = services.GetRequiredService<PayPalTrackingClient>();
        if (!order.References.ContainsKey(PlatformReferenceKeys.PayPalCaptureId))
        {
            // A Shopify order paid with PayPal: the PayPal transaction id is on the order's transactions (flow 2).
            string? transaction = await services.GetRequiredService<ShopifyPaymentLookup>().PayPalTransactionIdAsync(
                order.References[PlatformReferenceKeys.ShopifyOrderGid], cancellationToken);
            if (transaction is null)
            {
                return (PlatformSyncLedgerStore.Failed, null, "The Shopify order has no captured PayPal transaction to attach the tracker to.");
            }

            PayPalTrackingResult legacy = await payPalClient.AddLegacyTrackerAsync(transaction, shipment.TrackingNumber, shipment.Carrier, cancellationToken);
            return legacy.Done ? (PlatformSyncLedgerStore.Done, legacy.TrackerId, null) : (PlatformSyncLedgerStore.Failed, null, legacy.Error);
        }

        PayPalTrackingResult result = await payPalClient.AddTrackerAsync(
            order.References[PlatformReferenceKeys.PayPalOrderId], order.References[PlatformReferenceKeys.PayPalCaptureId],
            shipment.TrackingNumber, shipment.Carrier, cancellationToken);
        return result.Done ? (PlatformSyncLedgerStore.Done, result.TrackerId, null) : (PlatformSyncLedgerStore.Failed, null, result.Error);
    }

    /// <summary>
    /// Takes back the PayPal tracker of a cancelled or replaced shipment: the one its <c>track</c> row recorded. A track
    /// still pending (in flight on another instance) makes this retry until it lands; a track that never wrote a
    /// tracker leaves nothing to cancel.
    /// </summary>
    private async Task<(string State, string? PlatformId, string? Reason)> CancelPayPalAsync(OrderRecord order, ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        PlatformSyncRow? track = await ledger.GetAsync(
            order.OrderKey, PlatformSyncLedgerStore.RowKey(PayPal, shipment.Carrier, shipment.TrackingNumber, PlatformSyncRequest.Track), cancellationToken);
        if (track?.State == PlatformSyncLedgerStore.Pending)
        {
            throw new InvalidOperationException("The shipment's PayPal tracker is still being written; its cancellation waits for it.");
        }

        if (track is not { State: PlatformSyncLedgerStore.Done, PlatformId: { } trackerId })
        {
            return (PlatformSyncLedgerStore.Done, null, "no PayPal tracker was written");
        }

        PayPalTrackingClient client = services.GetRequiredService<PayPalTrackingClient>();
        PayPalTrackingResult result = order.References.TryGetValue(PlatformReferenceKeys.PayPalOrderId, out string? payPalOrder)
            && order.References.ContainsKey(PlatformReferenceKeys.PayPalCaptureId)
            ? await client.CancelTrackerAsync(payPalOrder, trackerId, cancellationToken)
            : await client.CancelLegacyTrackerAsync(trackerId[..trackerId.IndexOf('-', StringComparison.Ordinal)], shipment.TrackingNumber, shipment.Carrier, cancellationToken);
        return result.Done ? (PlatformSyncLedgerStore.Done, trackerId, null) : (PlatformSyncLedgerStore.Failed, null, result.Error);
    }

    private async Task<(string State, string? PlatformId, string? Reason)> WriteShopifyAsync(OrderRecord order, ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        // Tracking Shopify itself sent us (a fulfillment webhook) is already there: nothing to write, nothing to spend.
        if (ShopifyFulfillmentOf(shipment) is { } platformId)
        {
            return (PlatformSyncLedgerStore.Done, platformId, "came from Shopify");
        }

        ShopifyFulfillmentWriter writer = services.GetRequiredService<ShopifyFulfillmentWriter>();
        if (shipment.Replaces is { } replaced && await ReplacedFulfillmentAsync(order, shipment, replaced, cancellationToken) is { } fulfillment)
        {
            // A corrected label: the fulfillment the old number is on takes the new one (its fulfillment orders are
            // closed, so a new fulfillment could not be made anyway).
            ShopifyFulfillmentResult updated = await writer.UpdateTrackingAsync(
                fulfillment, ShopifyCompany(shipment.Carrier), shipment.TrackingNumber, shipment.TrackingUrl, replaced, cancellationToken);
            return updated.Done
                ? (PlatformSyncLedgerStore.Done, updated.FulfillmentId, updated.AlreadyPresent ? "already on the fulfillment" : "replaced " + replaced)
                : (PlatformSyncLedgerStore.Failed, null, updated.Error);
        }

        ShopifyFulfillmentResult result = await writer.WriteTrackingAsync(
            order.References[PlatformReferenceKeys.ShopifyOrderGid], ShopifyCompany(shipment.Carrier), shipment.TrackingNumber, shipment.TrackingUrl, cancellationToken);
        return result.Done
            ? (PlatformSyncLedgerStore.Done, result.FulfillmentId, result.AlreadyPresent ? "already on a fulfillment" : null)
            : (PlatformSyncLedgerStore.Failed, null, result.Error);
    }

    /// <summary>
    /// The Shopify fulfillment the replaced number is on: the one Shopify sent it with, or the one its <c>track</c>
    /// created. Null when it never reached Shopify (the new number gets a fulfillment of its own); while that
    /// <c>track</c> is in flight this throws, so the queue retries.
    /// </summary>
    private async Task<string?> ReplacedFulfillmentAsync(OrderRecord order, ShipmentRecord shipment, string replaced, CancellationToken cancellationToken)
    {
        ShipmentRecord? old = (await orders.GetShipmentsAsync(order.OrderKey, cancellationToken)).FirstOrDefault(s => s.TrackingNumber == replaced);
        if (old is null)
        {
            return null;
        }

        if (ShopifyFulfillmentOf(old) is { } sent)
        {
            return sent;
        }

        PlatformSyncRow? track = await ledger.GetAsync(
            order.OrderKey, PlatformSyncLedgerStore.RowKey(Shopify, old.Carrier, old.TrackingNumber, PlatformSyncRequest.Track), cancellationToken);
        return track?.State == PlatformSyncLedgerStore.Pending
            ? throw new InvalidOperationException($"The replaced shipment's Shopify fulfillment is still being written; {shipment.TrackingNumber} waits for it.")
            : track is { State: PlatformSyncLedgerStore.Done, PlatformId: { } id } ? id : null;
    }

    private static string? ShopifyFulfillmentOf(ShipmentRecord shipment) =>
        shipment.PlatformShipmentId is { } id && id.StartsWith("gid://shopify/Fulfillment/", StringComparison.Ordinal) ? id : null;

    /// <summary>
    /// A milestone as a fulfillment event on the shipment's Shopify fulfillment: the one Shopify sent, or the one
    /// <c>track</c> created. Until that exists this throws (the queue retries); if it failed for good, so does this.
    /// </summary>
    private async Task<(string State, string? PlatformId, string? Reason)> WriteShopifyEventAsync(
        OrderRecord order, ShipmentRecord shipment, Milestone milestone, CancellationToken cancellationToken)
    {
        string? fulfillment = ShopifyFulfillmentOf(shipment);
        if (fulfillment is null)
        {
            PlatformSyncRow? track = await ledger.GetAsync(
                order.OrderKey, PlatformSyncLedgerStore.RowKey(Shopify, shipment.Carrier, shipment.TrackingNumber, PlatformSyncRequest.Track), cancellationToken);
            if (track?.State == PlatformSyncLedgerStore.Failed)
            {
                return (PlatformSyncLedgerStore.Failed, null, "no Shopify fulfillment for this shipment: " + track.Reason);
            }

            fulfillment = track?.State == PlatformSyncLedgerStore.Done ? track.PlatformId : null;
            if (fulfillment is null)
            {
                throw new InvalidOperationException("The shipment's Shopify fulfillment is not written yet; the event waits for it.");
            }
        }

        string status = milestone switch
        {
            Milestone.Shipped => "IN_TRANSIT",
            Milestone.OutForDelivery => "OUT_FOR_DELIVERY",
            Milestone.Delivered => "DELIVERED",
            Milestone.Delayed => "DELAYED",
            _ => shipment.Tracking.Status == TrackingStatus.DeliveryAttempted ? "ATTEMPTED_DELIVERY" : "FAILURE",
        };
        ShopifyFulfillmentResult result = await services.GetRequiredService<ShopifyFulfillmentWriter>().CreateEventAsync(
            fulfillment, status, shipment.Tracking.LastEventAt ?? time.GetUtcNow(), cancellationToken);
        return result.Done
            ? (PlatformSyncLedgerStore.Done, result.FulfillmentId, result.AlreadyPresent ? "already on the fulfillment" : null)
            : (PlatformSyncLedgerStore.Failed, null, result.Error);
    }

    /// <summary>Shopify's supported-carrier names (case-sensitive), so it builds links and follows the shipment itself.</summary>
    private static string ShopifyCompany(string carrier) => carrier switch
    {
        "dhl" => "DHL Express",
        _ => CarrierDisplayName(carrier),
    };

    private static string CarrierDisplayName(string carrier) => carrier switch
    {
        "ups" => "UPS",
        "fedex" => "FedEx",
        "usps" => "USPS",
        "dhl" => "DHL",
        _ => carrier,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write-back to {Platform} failed ({Error}); the queue retries it, the other platforms go on")]
    private static partial void LogTransient(ILogger logger, string platform, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write-back to {Platform} rejected for good: {Reason}")]
    private static partial void LogRejected(ILogger logger, string platform, string reason);
}
