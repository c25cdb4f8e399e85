namespace OrderTracking.Functions.Hosting;

/// <summary>
/// A queue-triggered function's logic over its typed message. <see cref="TriggerEndpoints"/> decodes the envelope,
/// deserializes the JSON message, moves one that is not a valid <typeparamref name="TMessage"/> to the poison queue
/// and makes sure storage exists; the handler only does the work. Throw to fail the invocation (the host retries).
/// </summary>
internal interface IQueueMessageHandler<TMessage>
    where TMessage : class
{
    /// <summary>False for a message that can never succeed; it is dead-lettered instead of retried.</summary>
    bool IsValid(TMessage message);

    Task<InvocationResponse> HandleAsync(TMessage message, QueueInvocation invocation, CancellationToken cancellationToken);
}
