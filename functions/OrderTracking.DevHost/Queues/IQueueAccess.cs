namespace OrderTracking.DevHost.Queues;

/// <summary>
/// The few queue operations the DevHost needs. Texts are message texts after decoding: the project's queue client
/// writes Base64(UTF-8), as <c>messageEncoding: base64</c> expects, and decodes what it receives (reference §2.3).
/// </summary>
internal interface IQueueAccess
{
    Task CreateIfNotExistsAsync(string queueName, CancellationToken cancellationToken);

    /// <summary>Receives up to <paramref name="maxMessages"/> messages, hidden for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task DeleteAsync(string queueName, ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>Makes the message visible again after <paramref name="visibilityTimeout"/>.</summary>
    Task ReleaseAsync(string queueName, ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task SendAsync(string queueName, string text, CancellationToken cancellationToken);
}
