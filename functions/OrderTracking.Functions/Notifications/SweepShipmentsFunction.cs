using Microsoft.Azure.Functions.Worker;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Notifications;

/// <summary><c>SweepShipments</c>: hourly timer (minute 5) → <c>delayed</c> notifications.</summary>
internal sealed partial class SweepShipmentsFunction(ShipmentSweeper sweeper, StorageContext storage, ILogger<SweepShipmentsFunction> logger)
{
    public const string Name = "SweepShipments";

    [Function(Name)]
    public Task RunAsync([TimerTrigger("0 5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => HandleAsync(cancellationToken);

    public async Task<string> HandleAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        int delayed = await sweeper.SweepAsync(cancellationToken);
        LogSwept(logger, delayed);
        return $"{Name}: {delayed} delay episode(s) started";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SweepShipments: {Delayed} delay episode(s) started")]
    private static partial void LogSwept(ILogger logger, int delayed);
}
