using Azure;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Notifications;

/// <summary>What one sweep did: index rows read, delay episodes started, checks moved to a later time, rows dropped.</summary>
internal sealed record SweepResult(int Due, int Delayed, int Moved, int Dropped, bool More);

/// <summary>
/// <c>SweepShipments</c> (hourly): sends one <c>delayed</c> email per delay episode for shipments in transit that stalled
/// or passed their ETA (the episode key comes from <see cref="DelayPolicy"/>, the ledger makes it once). It reads only the
/// <c>DelayChecks</c> rows that are due (O(due), never the <c>Orders</c> table), re-reads each shipment and re-decides:
/// <list type="bullet">
/// <item>delayed now: enqueue the email first, then flag the row (ETag), so a crash in between re-derives the same
/// episode key next hour;</item>
/// <item>not yet (a new scan or a later ETA since the row was written): the row moves to the new earliest time;</item>
/// <item>gone, finished, not in transit or already delayed: the row is dropped (the next change that makes a delay
/// possible again writes a new one, in <c>PollCarrier</c>).</item>
/// </list>
/// A row is deleted only after the shipment row records the outcome, so a lost race (412) leaves the row for the next
/// sweep and nothing is forgotten.
/// </summary>
internal sealed partial class ShipmentSweeper(
    OrderStore orders, DelayCheckStore delayChecks, NotificationQueue notifications, NotificationOptions options, TimeProvider time, ILogger<ShipmentSweeper> logger)
{
    /// <summary>Index rows one sweep takes; what is left is taken by the next (hourly) sweep, oldest first.</summary>
    public const int MaxPerSweep = 20_000;

    private const int MaxAttempts = 3;

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        IReadOnlyList<ShipmentDue> due = await delayChecks.GetDueAsync(now, MaxPerSweep, cancellationToken);
        IReadOnlyDictionary<Outcome, int> outcomes = await DueRows.ProcessAsync<ShipmentDue, Outcome>(due, 8, (row, ct) => CheckAsync(row, now, ct), cancellationToken);
        int delayed = outcomes.GetValueOrDefault(Outcome.Delayed), moved = outcomes.GetValueOrDefault(Outcome.Moved), dropped = outcomes.GetValueOrDefault(Outcome.Dropped);

        var result = new SweepResult(due.Count, delayed, moved, dropped, due.Count >= MaxPerSweep);
        if (delayed > 0 || result.More)
        {
            LogSwept(logger, due.Count, delayed, moved, dropped, result.More);
        }

        return result;
    }

    private enum Outcome
    {
        Delayed,
        Moved,
        Dropped,
        Kept,
    }

    private async Task<Outcome> CheckAsync(ShipmentDue row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            ShipmentRecord? shipment = await orders.GetShipmentAsync(row.OrderKey, row.Carrier, row.TrackingNumber, cancellationToken);
            if (shipment is null)
            {
                await delayChecks.DeleteAsync(row, cancellationToken);
                return Outcome.Dropped;
            }

            try
            {
                return await DecideAsync(row, shipment, now, cancellationToken);
            }
            catch (RequestFailedException ex) when (TableClientExtensions.IsPreconditionFailed(ex))
            {
                if (attempt >= MaxAttempts)
                {
                    return Outcome.Kept; // a poll keeps winning the race: the row stays for the next sweep
                }
            }
        }
    }

    private async Task<Outcome> DecideAsync(ShipmentDue row, ShipmentRecord shipment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ShipmentTracking t = shipment.Tracking;
        var input = new DelayInput(t.Status, t.LastEventAt, t.Eta, t.Delayed);
        DelayDecision decision = DelayPolicy.Evaluate(input, now, options.Delay);
        if (decision.StartsEpisode)
        {
            await notifications.EnqueueAsync([shipment.OrderKey], shipment.Carrier, shipment.TrackingNumber, [Milestone.Delayed], decision.EpisodeKey, cancellationToken);
            await orders.UpdateShipmentAsync(shipment with { Tracking = t with { Delayed = true, UpdatedAt = now }, DelayCheckAt = null }, cancellationToken);
            await delayChecks.DeleteAsync(row, cancellationToken);
            return Outcome.Delayed;
        }

        DateTimeOffset? next = t.Status.IsTerminal() ? null : DelayPolicy.NextCheckAt(input, options.Delay);
        if (next is not { } at)
        {
            if (shipment.DelayCheckAt is not null)
            {
                await orders.UpdateShipmentAsync(shipment with { DelayCheckAt = null }, cancellationToken);
            }

            await delayChecks.DeleteAsync(row, cancellationToken);
            return Outcome.Dropped;
        }

        if (DelayCheckStore.RowKey(at, row.OrderKey, row.Carrier, row.TrackingNumber) == row.RowKey)
        {
            return Outcome.Kept; // due later within this tick's hour; the row key filter already left it out
        }

        // New row first, then the shipment names it, then the old row goes: a crash between leaves two rows, never none.
        await delayChecks.UpsertAsync(row.OrderKey, row.Carrier, row.TrackingNumber, at, cancellationToken);
        if (shipment.DelayCheckAt != at)
        {
            await orders.UpdateShipmentAsync(shipment with { DelayCheckAt = at }, cancellationToken);
        }

        await delayChecks.DeleteAsync(row, cancellationToken);
        return Outcome.Moved;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sweep: {Due} delay check(s) due, {Delayed} started a delay episode, {Moved} moved later, {Dropped} dropped; more left for the next sweep: {More}")]
    private static partial void LogSwept(ILogger logger, int due, int delayed, int moved, int dropped, bool more);
}
