using Microsoft.Azure.Functions.Worker;
using OrderTracking.Core.Orders;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Sync;

/// <summary>
/// <c>OpsSyncStatus</c>: <c>GET /api/ops/sync/{orderKey}</c> (function key) → each shipment's write-back state per
/// platform: <c>pending</c>, <c>done</c> (with the platform's id) or <c>failed</c> (with the platform's reason), and the
/// platforms the order would be written to now. For operators; the customer-facing read API shows none of it.
/// </summary>
internal sealed class SyncStatusFunction(OrderStore orders, PlatformSyncLedgerStore ledger, PlatformSyncer syncer)
{
    public const string Name = "OpsSyncStatus";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/sync/{orderKey}")] HttpRequest request, string orderKey, CancellationToken cancellationToken)
    {
        if (!OrderKey.IsValid(orderKey))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid order key", detail: "Expected '{source}:{id}'.");
        }

        OrderRecord? order = await orders.GetOrderAsync(orderKey, cancellationToken);
        if (order is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown order");
        }

        IReadOnlyList<PlatformSyncRow> rows = await ledger.ListAsync(orderKey, cancellationToken);
        var shipments = (await orders.GetShipmentsAsync(orderKey, cancellationToken)).Select(s => new
        {
            carrier = s.Carrier,
            trackingNumber = s.TrackingNumber,
            platforms = rows.Where(r => r.Carrier == s.Carrier && r.TrackingNumber == s.TrackingNumber).Select(r => new
            {
                platform = r.Platform,
                action = r.Action,
                state = r.State,
                platformId = r.PlatformId,
                reason = r.Reason,
                updatedAt = r.UpdatedAt,
            }),
        });
        return Results.Ok(new { orderKey, writeBackTo = syncer.TargetsOf(order), shipments });
    }
}
