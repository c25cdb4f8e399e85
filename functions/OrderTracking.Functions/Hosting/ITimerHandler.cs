namespace OrderTracking.Functions.Hosting;

/// <summary>A timer-triggered function's logic.</summary>
internal interface ITimerHandler
{
    Task<InvocationResponse> HandleAsync(CancellationToken cancellationToken);
}
