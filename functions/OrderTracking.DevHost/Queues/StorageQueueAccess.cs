using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace OrderTracking.DevHost.Queues;

/// <summary>
/// <see cref="IQueueAccess"/> over Azure.Storage.Queues. Messages are read without decoding and decoded here, so a
/// message that is not valid Base64 under <c>messageEncoding: base64</c> can go to poison as the queue extension does
/// (reference §4.4); messages are written with the configured encoding.
/// </summary>
internal sealed class StorageQueueAccess(QueueServiceClient raw, QueueServiceClient encoding, bool base64, TimeProvider timeProvider) : IQueueAccess
{
    private readonly ConcurrentDictionary<string, QueueClient> _raw = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QueueClient> _encoding = new(StringComparer.Ordinal);

    public static StorageQueueAccess FromConnectionString(string connectionString, bool base64, TimeProvider timeProvider)
    {
        var rawOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        var encodingOptions = new QueueClientOptions { MessageEncoding = base64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None };
        return new StorageQueueAccess(new QueueServiceClient(connectionString, rawOptions), new QueueServiceClient(connectionString, encodingOptions), base64, timeProvider);
    }

    public Task CreateIfNotExistsAsync(string queueName, CancellationToken cancellationToken) =>
        Raw(queueName).CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        QueueMessage[] messages = (await Raw(queueName).ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
        DateTimeOffset now = timeProvider.GetUtcNow();
        return [.. messages.Select(m => ToReceived(m, now, visibilityTimeout))];
    }

    public Task DeleteAsync(string queueName, ReceivedMessage message, CancellationToken cancellationToken) =>
        Raw(queueName).DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken);

    public Task ReleaseAsync(string queueName, ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        Raw(queueName).UpdateMessageAsync(message.Id, message.PopReceipt, (BinaryData?)null, visibilityTimeout, cancellationToken);

    public Task SendAsync(string queueName, BinaryData body, CancellationToken cancellationToken) =>
        Encoding(queueName).SendMessageAsync(body, cancellationToken: cancellationToken);

    public Task SendRawAsync(string queueName, ReceivedMessage message, CancellationToken cancellationToken) =>
        Raw(queueName).SendMessageAsync(message.WireText, cancellationToken: cancellationToken);

    private ReceivedMessage ToReceived(QueueMessage message, DateTimeOffset now, TimeSpan visibilityTimeout)
    {
        string wire = message.Body.ToString();
        byte[]? body = Decode(wire);
        return new ReceivedMessage(
            message.MessageId,
            message.PopReceipt,
            body is null ? null : Utf8OrNull(body),
            message.DequeueCount,
            message.InsertedOn ?? now,
            message.ExpiresOn ?? DateTimeOffset.MaxValue,
            message.NextVisibleOn ?? now + visibilityTimeout)
        {
            WireText = wire,
            Body = body,
        };
    }

    private byte[]? Decode(string wire)
    {
        if (!base64)
        {
            return System.Text.Encoding.UTF8.GetBytes(wire);
        }

        byte[] buffer = new byte[wire.Length];
        return Convert.TryFromBase64String(wire, buffer, out int written) ? buffer[..written] : null;
    }

    private static string? Utf8OrNull(byte[] body)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private QueueClient Raw(string queueName) => _raw.GetOrAdd(queueName, raw.GetQueueClient);

    private QueueClient Encoding(string queueName) => _encoding.GetOrAdd(queueName, encoding.GetQueueClient);
}
