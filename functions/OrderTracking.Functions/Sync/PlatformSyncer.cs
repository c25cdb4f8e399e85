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
        if (PayPalTrackingClient.IsConfigured(payPal.Value)
            && order.References.ContainsKey(PlatformReferenceKeys.PayPalOrderId) && order.References.ContainsKey(PlatformReferenceKeys.PayPalCaptureId))
        {
            targets.Add(PayPal);
        }

        if (ShopifyAdminClient.IsConfigured(shopify.Value) && order.Source == OrderSources.Shopify
            && order.References.ContainsKey(PlatformReferenceKeys.ShopifyOrderGid))
        {
            targets.Add(Shopify);
        }

        return targets;
    }

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
        foreach (string platform in TargetsOf(order).Where(p => milestone is null || p == Shopify))
        {
            string rowKey = PlatformSyncLedgerStore.RowKey(platform, request.Carrier, request.TrackingNumber, request.Action);
            string state = await ledger.ClaimAsync(request.OrderKey, rowKey, time.GetUtcNow(), cancellationToken);
            if (state is PlatformSyncLedgerStore.Done or PlatformSyncLedgerStore.Failed)
            {
                outcomes.Add($"{platform} already {state}");
                continue;
            }

            (string result, string? platformId, string? reason) = platform switch
            {
                Stripe => await WriteStripeAsync(order, shipment, cancellationToken),
                PayPal => await WritePayPalAsync(order, shipment, cancellationToken),
                Shopify when milestone is { } m => await WriteShopifyEventAsync(order, shipment, m, cancellationToken),
                Shopify => await WriteShopifyAsync(order, shipment, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown platform '{platform}'."),
            };
            await ledger.MarkAsync(request.OrderKey, rowKey, result, platformId, reason, time.GetUtcNow(), cancellationToken);
            if (result == PlatformSyncLedgerStore.Failed)
            {
                LogRejected(logger, platform, reason ?? string.Empty);
            }

            outcomes.Add($"{platform} {result}");
        }

        return outcomes.Count == 0 ? "no platform to sync" : string.Join(", ", outcomes);
    }

    private async Task<(string State, string? PlatformId, string? Reason)> WriteStripeAsync(OrderRecord order, ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        // Stripe holds one carrier and one tracking text per charge: every number the order ships with this carrier.
        string[] numbers = [.. (await orders.GetShipmentsAsync(order.OrderKey, cancellationToken))
            .Where(s => s.Carrier == shipment.Carrier)
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
        PayPalTrackingResult result = await services.GetRequiredService<PayPalTrackingClient>().AddTrackerAsync(
            order.References[PlatformReferenceKeys.PayPalOrderId], order.References[PlatformReferenceKeys.PayPalCaptureId],
            shipment.TrackingNumber, shipment.Carrier, cancellationToken);
        return result.Done ? (PlatformSyncLedgerStore.Done, result.TrackerId, null) : (PlatformSyncLedgerStore.Failed, null, result.Error);
    }

    private async Task<(string State, string? PlatformId, string? Reason)> WriteShopifyAsync(OrderRecord order, ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        // Tracking Shopify itself sent us (a fulfillment webhook) is already there: nothing to write, nothing to spend.
        if (shipment.PlatformShipmentId is { } platformId && platformId.StartsWith("gid://shopify/Fulfillment/", StringComparison.Ordinal))
        {
            return (PlatformSyncLedgerStore.Done, platformId, "came from Shopify");
        }

        ShopifyFulfillmentResult result = await services.GetRequiredService<ShopifyFulfillmentWriter>().WriteTrackingAsync(
            order.References[PlatformReferenceKeys.ShopifyOrderGid], ShopifyCompany(shipment.Carrier), shipment.TrackingNumber, shipment.TrackingUrl, cancellationToken);
        return result.Done
            ? (PlatformSyncLedgerStore.Done, result.FulfillmentId, result.AlreadyPresent ? "already on a fulfillment" : null)
            : (PlatformSyncLedgerStore.Failed, null, result.Error);
    }

    /// <summary>
    /// A milestone as a fulfillment event on the shipment's Shopify fulfillment: the one Shopify sent, or the one
    /// <c>track</c> created. Until that exists this throws (the queue retries); if it failed for good, so does this.
    /// </summary>
    private async Task<(string State, string? PlatformId, string? Reason)> WriteShopifyEventAsync(
        OrderRecord order, ShipmentRecord shipment, Milestone milestone, CancellationToken cancellationToken)
    {
        string? fulfillment = shipment.PlatformShipmentId is { } id && id.StartsWith("gid://shopify/Fulfillment/", StringComparison.Ordinal) ? id : null;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write-back to {Platform} rejected for good: {Reason}")]
    private static partial void LogRejected(ILogger logger, string platform, string reason);
}
