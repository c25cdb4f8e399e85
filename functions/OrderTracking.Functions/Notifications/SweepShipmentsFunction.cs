using Microsoft.Azure.Functions.Worker;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Retention;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Notifications;

/// <summary><c>SweepShipments</c>: hourly timer (minute 5) → <c>delayed</c> notifications from the due <c>DelayChecks</c> rows; finished orders archived after their retention; expired webhook receipts and rate-limit counters dropped.</summary>
internal sealed partial class SweepShipmentsFunction(
    ShipmentSweeper sweeper, KpiCoverageSweeper coverage, OrderArchiver archiver, WebhookReceiptStore receipts, RateLimitStore rateLimits, StorageContext storage, TimeProvider time, ILogger<SweepShipmentsFunction> logger)
{
    public const string Name = "SweepShipments";

    [Function(Name)]
    public Task RunAsync([TimerTrigger("0 5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => HandleAsync(cancellationToken);

    public async Task<string> HandleAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        SweepResult swept = await sweeper.SweepAsync(cancellationToken);
        await coverage.SweepAsync(cancellationToken);
        ArchiveResult archived = await archiver.ArchiveDueAsync(cancellationToken);
        int dropped = await receipts.DropExpiredAsync(time.GetUtcNow(), cancellationToken);
        int counters = await rateLimits.DropExpiredAsync(time.GetUtcNow(), cancellationToken);
        LogSwept(logger, swept.Due, swept.Delayed, archived.Archived, dropped, counters);
        return $"{Name}: {swept.Due} delay check(s) due, {swept.Delayed} delay episode(s) started, {archived.Archived} finished order(s) archived, {dropped} expired webhook receipt(s) dropped, {counters} old rate-limit counter(s) dropped";
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "SweepShipments: {Due} delay check(s) due, {Delayed} delay episode(s) started, {Archived} finished order(s) archived, {Dropped} expired webhook receipt(s) dropped, {Counters} old rate-limit counter(s) dropped")]
    private static partial void LogSwept(ILogger logger, int due, int delayed, int archived, int dropped, int counters);
}
