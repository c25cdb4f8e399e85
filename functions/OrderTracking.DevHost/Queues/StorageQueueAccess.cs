using System.Collections.Concurrent;
using OrderTracking.Azure.Storage;

namespace OrderTracking.DevHost.Queues;

/// <summary><see cref="IQueueAccess"/> over the project's <see cref="QueueServiceClient"/> (one pipeline, one client per queue).</summary>
internal sealed class StorageQueueAccess(QueueServiceClient service, TimeProvider timeProvider) : IQueueAccess
{
    private readonly ConcurrentDictionary<string, QueueClient> _clients = new(StringComparer.Ordinal);

    public static StorageQueueAccess FromConnectionString(string connectionString, TimeProvider timeProvider) =>
        new(StorageConnection.FromConnectionString(connectionString).CreateQueueServiceClient(), timeProvider);

    public Task CreateIfNotExistsAsync(string queueName, CancellationToken cancellationToken) =>
        Client(queueName).CreateIfNotExistsAsync(cancellationToken);

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        IReadOnlyList<QueueMessage> messages = await Client(queueName).ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = timeProvider.GetUtcNow();
        return [.. messages.Select(m => new ReceivedMessage(
            m.MessageId,
            m.PopReceipt,
            m.MessageText,
            m.DequeueCount,
            m.InsertedOn ?? now,
            m.ExpiresOn ?? now.AddDays(7),
            m.NextVisibleOn ?? now + visibilityTimeout))];
    }

    public Task DeleteAsync(string queueName, ReceivedMessage message, CancellationToken cancellationToken) =>
        Client(queueName).DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken);

    public Task ReleaseAsync(string queueName, ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        Client(queueName).UpdateMessageAsync(message.Id, message.PopReceipt, null, visibilityTimeout, cancellationToken);

    public Task SendAsync(string queueName, string text, CancellationToken cancellationToken) =>
        Client(queueName).SendMessageAsync(text, cancellationToken: cancellationToken);

    private QueueClient Client(string queueName) => _clients.GetOrAdd(queueName, service.GetQueueClient);
}
