namespace OrderTracking.Functions.Hosting;

/// <summary>A queue-triggered function's logic. Throw to fail the invocation (the host retries the message).</summary>
internal interface IQueueMessageHandler
{
    Task<InvocationResponse> HandleAsync(QueueInvocation invocation, CancellationToken cancellationToken);
}
