using OrderTracking.Core.Kpis;
using OrderTracking.Core.Tracking;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Kpis;

/// <summary>
/// The coverage part of <c>SweepShipments</c>: reads the due <c>KpiChecks</c> rows (registration + 24 h, O(due)),
/// re-reads each shipment and counts it in <c>noUpdateAfter24h</c> when no carrier update had come within 24 h
/// (<see cref="KpiTransitions.HadNoUpdateWithin24h"/>; a cancelled shipment is not counted). The row is deleted after
/// the count, so a crash between counts again into the same marker: once.
/// </summary>
internal sealed partial class KpiCoverageSweeper(KpiCheckStore checks, OrderStore orders, KpiRecorder kpis, TimeProvider time, ILogger<KpiCoverageSweeper> logger)
{
    /// <summary>Rows one sweep takes; the rest wait for the next sweep, oldest first.</summary>
    public const int MaxPerSweep = 20_000;

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ShipmentDue> due = await checks.GetDueAsync(time.GetUtcNow(), MaxPerSweep, cancellationToken);
        IReadOnlyDictionary<Outcome, int> outcomes = await DueRows.ProcessAsync<ShipmentDue, Outcome>(due, 8, CheckAsync, cancellationToken);
        int noUpdate = outcomes.GetValueOrDefault(Outcome.NoUpdate);
        if (due.Count > 0)
        {
            LogChecked(logger, due.Count, noUpdate);
        }

        return noUpdate;
    }

    private enum Outcome
    {
        NoUpdate,
        Covered,
    }

    private async Task<Outcome> CheckAsync(ShipmentDue row, CancellationToken cancellationToken)
    {
        ShipmentRecord? shipment = await orders.GetShipmentAsync(row.OrderKey, row.Carrier, row.TrackingNumber, cancellationToken);
        bool count = shipment is { ScheduleOwner: true } s && s.Tracking.Status != TrackingStatus.Cancelled && KpiTransitions.HadNoUpdateWithin24h(s.Facts, s.RegisteredAt);
        if (count)
        {
            await kpis.NoUpdateAsync(shipment!, cancellationToken);
        }

        await checks.DeleteAsync(row, cancellationToken);
        return count ? Outcome.NoUpdate : Outcome.Covered;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "KPIs: {Due} coverage check(s) due, {NoUpdate} shipment(s) without a carrier update 24 h after registration")]
    private static partial void LogChecked(ILogger logger, int due, int noUpdate);
}
