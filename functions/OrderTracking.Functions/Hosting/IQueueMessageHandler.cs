namespace OrderTracking.Functions.Hosting;

/// <summary>
/// A queue-triggered function's logic over its typed message. <see cref="QueueTrigger"/> deserializes the JSON
/// message, moves one that is not a valid <typeparamref name="TMessage"/> to the poison queue and makes sure storage
/// exists; the handler only does the work. Throw to fail the invocation (the host retries, then poisons).
/// </summary>
internal interface IQueueMessageHandler<TMessage>
    where TMessage : class
{
    /// <summary>False for a message that can never succeed; it is dead-lettered on its first delivery instead of retried.</summary>
    bool IsValid(TMessage message);

    /// <summary>Does the work; returns a one-line summary for the log (no payload, no personal data).</summary>
    Task<string> HandleAsync(TMessage message, CancellationToken cancellationToken);
}
