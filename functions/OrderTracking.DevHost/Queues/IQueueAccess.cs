namespace OrderTracking.DevHost.Queues;

/// <summary>
/// The queue operations the DevHost needs (reference §4.4, §6). Received messages are decoded per host.json
/// <c>messageEncoding</c>; sent ones are encoded the same way.
/// </summary>
internal interface IQueueAccess
{
    Task CreateIfNotExistsAsync(string queueName, CancellationToken cancellationToken);

    /// <summary>Receives up to <paramref name="maxMessages"/> messages, hidden for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task DeleteAsync(string queueName, ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>Makes the message visible again after <paramref name="visibilityTimeout"/>.</summary>
    Task ReleaseAsync(string queueName, ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Sends a binary message, encoded as configured.</summary>
    Task SendAsync(string queueName, BinaryData body, CancellationToken cancellationToken);

    /// <summary>Copies a message to another queue exactly as stored (poison of an undecodable message).</summary>
    Task SendRawAsync(string queueName, ReceivedMessage message, CancellationToken cancellationToken);
}
