using System.Text.Json;
using Microsoft.Extensions.Options;
using Azure.Data.Tables;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Functions.Retention;

/// <summary>What one archiving run did: index rows read, orders archived, rows moved to a later time, rows dropped.</summary>
/// <summary>What one archiving run did: index rows read, orders archived, rows moved to a later time, rows dropped, and
/// orders that never had a shipment deleted after their retention (<see cref="Purged"/>).</summary>
internal sealed record ArchiveResult(int Due, int Archived, int Moved, int Dropped, int Purged = 0);

/// <summary>
/// Moves finished orders out of the working tables once <see cref="RetentionOptions.FinishedAfter"/> has passed since
/// their last shipment finished. Driven by the due <c>Expiries</c> rows (O(due)), run by <c>SweepShipments</c>:
/// <list type="number">
/// <item>the read API's answer for the order is saved in <c>OrderArchive</c> (tracking facts only), so a customer's link
/// keeps working;</item>
/// <item>the order's <c>Notifications</c> and <c>PlatformSync</c> ledger rows and <c>ShipmentIndex</c> and <c>OrderLookup</c> rows are deleted;</item>
/// <item>its shipment rows, then its order row (with the customer's email and name) are deleted: the order row is the
/// commit point, so a crash before it re-runs the whole archive from the expiry row, which is deleted last.</item>
/// </list>
/// An order with a shipment that is active again is left alone (its next terminal status writes a new expiry row); one
/// that finished later than the row expected is moved to its new time. <c>IngestEvent</c> ignores events for archived
/// orders, so a late webhook does not bring an order back and email its customer again.
/// </summary>
internal sealed partial class OrderArchiver(
    OrderStore orders, ExpiryStore expiries, OrderArchiveStore archive, StorageContext storage, RetentionOptions options, OrderLookupStore lookup,
    IOptions<TrackingOptions> tracking, TimeProvider time, ILogger<OrderArchiver> logger)
{
    /// <summary>Expiry rows one run takes; the rest wait for the next run, oldest first.</summary>
    public const int MaxPerRun = 2_000;

    public async Task<ArchiveResult> ArchiveDueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        IReadOnlyList<Expiry> due = await expiries.GetDueAsync(now, MaxPerRun, cancellationToken);
        IReadOnlyDictionary<Outcome, int> outcomes = await DueRows.ProcessAsync<Expiry, Outcome>(due, 4, (row, ct) => ProcessAsync(row, now, ct), cancellationToken);
        int archived = outcomes.GetValueOrDefault(Outcome.Archived), moved = outcomes.GetValueOrDefault(Outcome.Moved), dropped = outcomes.GetValueOrDefault(Outcome.Dropped);
        int purged = outcomes.GetValueOrDefault(Outcome.Purged);

        if (archived > 0)
        {
            LogArchived(logger, archived, options.FinishedAfter.TotalDays);
        }

        if (purged > 0)
        {
            LogPurged(logger, purged, options.FinishedAfter.TotalDays);
        }

        return new ArchiveResult(due.Count, archived, moved, dropped, purged);
    }

    /// <summary>The time the order's last shipment finished, or null while one is still active (or it has none).</summary>
    public static DateTimeOffset? FinishedAt(OrderRecord? order, IReadOnlyList<ShipmentRecord> shipments)
    {
        if (shipments.Count == 0 || shipments.Any(s => !s.Tracking.Status.IsTerminal()))
        {
            return null;
        }

        DateTimeOffset last = shipments.Max(s => s.Tracking.UpdatedAt ?? s.RegisteredAt);
        return order?.UpdatedAt is { } touched && touched > last ? touched : last;
    }

    private enum Outcome
    {
        Archived,
        Moved,
        Dropped,
        Purged,
    }

    private async Task<Outcome> ProcessAsync(Expiry row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        OrderRecord? order = await orders.GetOrderAsync(row.OrderKey, cancellationToken);
        IReadOnlyList<ShipmentRecord> shipments = await orders.GetShipmentsAsync(row.OrderKey, cancellationToken);
        if (order is not null && shipments.Count == 0)
        {
            return await PurgeIfIdleAsync(row, order, now, cancellationToken);
        }

        if (FinishedAt(order, shipments) is not { } finished)
        {
            await expiries.DeleteAsync(row, cancellationToken); // archived already, or active again
            return Outcome.Dropped;
        }

        DateTimeOffset due = finished + options.FinishedAfter;
        if (due > now)
        {
            await expiries.UpsertAsync(row.OrderKey, due, cancellationToken);
            await expiries.DeleteAsync(row, cancellationToken);
            return Outcome.Moved;
        }

        TrackingResponse view = TrackingResponse.For(row.OrderKey, order, shipments);
        string source = order?.Source ?? row.OrderKey[..Math.Max(0, row.OrderKey.IndexOf(':', StringComparison.Ordinal))];
        await archive.SaveAsync(row.OrderKey, source, JsonSerializer.Serialize(view, Json.Options), finished, now, cancellationToken);

        foreach (string table in new[] { TableNames.Notifications, TableNames.PlatformSync })
        {
            TableClient client = storage.Table(table);
            await client.DeleteRowsAsync(row.OrderKey, await client.RowKeysAsync(row.OrderKey, cancellationToken), cancellationToken);
        }

        foreach (ShipmentRecord s in shipments)
        {
            await orders.UnindexShipmentAsync(s.Carrier, s.TrackingNumber, row.OrderKey, cancellationToken);
        }

        if (order is not null)
        {
            // The lookup rows hold a hash of the customer's email: they go with the customer data.
            await lookup.RemoveAsync(tracking.Value.ReadTokenKeys, row.OrderKey, OrderLookupStore.NumbersOf(order.Source, order.ExternalId, order.OrderNumber), cancellationToken);
        }

        // Shipment rows first, the order row last: once it is gone, the order is archived.
        TableClient ordersTable = storage.Table(TableNames.Orders);
        await ordersTable.DeleteRowsAsync(row.OrderKey, shipments.Select(s => s.RowKey), cancellationToken);
        await ordersTable.DeleteRowsAsync(row.OrderKey, [ShipmentRows.OrderRowKey], cancellationToken);
        await expiries.DeleteAsync(row, cancellationToken);
        return Outcome.Archived;
    }

    /// <summary>
    /// An order that never got a shipment (paid, never fulfilled; or its only label was replaced before it was stored):
    /// <see cref="RetentionOptions.FinishedAfter"/> after its last update its customer data goes, with its ledgers and
    /// lookup rows. Nothing is archived (there is no tracking to answer with), and no archive row is written, so an
    /// event that finally brings a shipment creates the order anew instead of being ignored.
    /// </summary>
    private async Task<Outcome> PurgeIfIdleAsync(Expiry row, OrderRecord order, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset due = (order.UpdatedAt ?? order.CreatedAt ?? now) + options.FinishedAfter;
        if (due > now)
        {
            await expiries.UpsertAsync(row.OrderKey, due, cancellationToken);
            await expiries.DeleteAsync(row, cancellationToken);
            return Outcome.Moved;
        }

        foreach (string table in new[] { TableNames.Notifications, TableNames.PlatformSync })
        {
            TableClient client = storage.Table(table);
            await client.DeleteRowsAsync(row.OrderKey, await client.RowKeysAsync(row.OrderKey, cancellationToken), cancellationToken);
        }

        await lookup.RemoveAsync(tracking.Value.ReadTokenKeys, row.OrderKey, OrderLookupStore.NumbersOf(order.Source, order.ExternalId, order.OrderNumber), cancellationToken);
        await storage.Table(TableNames.Orders).DeleteRowsAsync(row.OrderKey, [ShipmentRows.OrderRowKey], cancellationToken);
        await expiries.DeleteAsync(row, cancellationToken);
        return Outcome.Purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Count} order(s) that never got a shipment deleted ({Days} days after their last update)")]
    private static partial void LogPurged(ILogger logger, int count, double days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Count} finished order(s) archived ({Days} days after they finished)")]
    private static partial void LogArchived(ILogger logger, int count, double days);
}
