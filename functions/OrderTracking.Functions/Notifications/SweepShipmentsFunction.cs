using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Notifications;

/// <summary><c>SweepShipments</c>: hourly timer → <c>delayed</c> notifications.</summary>
internal sealed class SweepShipmentsFunction(ShipmentSweeper sweeper, StorageContext storage) : ITimerHandler
{
    public const string Name = "SweepShipments";

    public async Task<InvocationResponse> HandleAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        int delayed = await sweeper.SweepAsync(cancellationToken);
        return InvocationResponse.WithLogs($"{Name}: {delayed} delay episode(s) started");
    }
}
