using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// One storage queue over the Queue REST API (mirrors <c>Azure.Storage.Queues.QueueClient</c>). Message text is sent as
/// Base64 of its UTF-8 bytes, as the Functions host expects. Failures throw <see cref="RequestFailedException"/>.
/// </summary>
public class QueueClient
{
    private readonly Uri? _queueUri;
    private readonly HttpPipeline? _pipeline;

    internal QueueClient(Uri serviceEndpoint, string queueName, HttpPipeline pipeline)
    {
        Name = queueName;
        _queueUri = new Uri(serviceEndpoint.AbsoluteUri.TrimEnd('/') + "/" + queueName);
        _pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected QueueClient()
    {
        Name = string.Empty;
    }

    /// <summary>The queue name.</summary>
    public virtual string Name { get; }

    /// <summary>Creates the queue; succeeds when it already exists.</summary>
    public virtual async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Put, string.Empty, null);
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        // 201 created, 204 exists with the same metadata, 409 QueueAlreadyExists with other metadata: all fine here.
        if (response.Status is not (201 or 204 or 409))
        {
            throw StorageErrors.Create(response);
        }
    }

    /// <summary>
    /// Sends a message. <paramref name="visibilityTimeout"/> delays it (0 to 7 days); <paramref name="timeToLive"/> defaults to
    /// the service's 7 days, and a negative value means never expire.
    /// </summary>
    public virtual async Task<SendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var query = new List<(string, string)>();
        if (visibilityTimeout is { } delay)
        {
            query.Add(("visibilitytimeout", Seconds(delay)));
        }

        if (timeToLive is { } ttl)
        {
            query.Add(("messagettl", ttl < TimeSpan.Zero ? "-1" : Seconds(ttl)));
        }

        using HttpMessage message = CreateMessage(RequestMethod.Post, "/messages", query);
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(QueueMessageCodec.SendBody(messageText));
        Response response = await SendExpectingAsync(message, 201, cancellationToken).ConfigureAwait(false);
        XElement sent = QueueMessageCodec.Messages(response.Content.ToString()).First();
        return new SendReceipt(
            QueueMessageCodec.Text(sent, "MessageId"),
            QueueMessageCodec.Text(sent, "PopReceipt"),
            QueueMessageCodec.Time(sent, "InsertionTime"),
            QueueMessageCodec.Time(sent, "ExpirationTime"),
            QueueMessageCodec.Time(sent, "TimeNextVisible"));
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> (1-32) messages, hiding them for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    public virtual async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        List<(string, string)> query = [("numofmessages", Count(maxMessages))];
        if (visibilityTimeout is { } timeout)
        {
            query.Add(("visibilitytimeout", Seconds(timeout)));
        }

        using HttpMessage message = CreateMessage(RequestMethod.Get, "/messages", query);
        Response response = await SendExpectingAsync(message, 200, cancellationToken).ConfigureAwait(false);
        return [.. QueueMessageCodec.Messages(response.Content.ToString()).Select(m => new QueueMessage(
            QueueMessageCodec.Text(m, "MessageId"),
            QueueMessageCodec.Text(m, "PopReceipt"),
            QueueMessageCodec.Decode(QueueMessageCodec.Text(m, "MessageText")),
            QueueMessageCodec.DequeueCount(m),
            QueueMessageCodec.Time(m, "InsertionTime"),
            QueueMessageCodec.Time(m, "ExpirationTime"),
            QueueMessageCodec.Time(m, "TimeNextVisible")))];
    }

    /// <summary>Reads up to <paramref name="maxMessages"/> (1-32) visible messages without hiding them.</summary>
    public virtual async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Get, "/messages", [("peekonly", "true"), ("numofmessages", Count(maxMessages))]);
        Response response = await SendExpectingAsync(message, 200, cancellationToken).ConfigureAwait(false);
        return [.. QueueMessageCodec.Messages(response.Content.ToString()).Select(m => new PeekedMessage(
            QueueMessageCodec.Text(m, "MessageId"),
            QueueMessageCodec.Decode(QueueMessageCodec.Text(m, "MessageText")),
            QueueMessageCodec.DequeueCount(m),
            QueueMessageCodec.Time(m, "InsertionTime"),
            QueueMessageCodec.Time(m, "ExpirationTime")))];
    }

    /// <summary>
    /// Deletes a received message. A stale pop receipt fails with <see cref="RequestFailedException"/> status 404
    /// (ErrorCode <c>MessageNotFound</c>, or <c>PopReceiptMismatch</c> from Azurite).
    /// </summary>
    public virtual async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using HttpMessage message = CreateMessage(RequestMethod.Delete, "/messages/" + Uri.EscapeDataString(messageId), [("popreceipt", popReceipt)]);
        await SendExpectingMessageAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes a received message's visibility (and its text when <paramref name="messageText"/> is not <c>null</c>).
    /// Returns the new pop receipt; the old one becomes stale. A stale pop receipt fails with status 404 as for delete.
    /// </summary>
    public virtual async Task<UpdateReceipt> UpdateMessageAsync(
        string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using HttpMessage message = CreateMessage(
            RequestMethod.Put,
            "/messages/" + Uri.EscapeDataString(messageId),
            [("popreceipt", popReceipt), ("visibilitytimeout", Seconds(visibilityTimeout))]);
        if (messageText is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/xml");
            message.Request.Content = RequestContent.Create(QueueMessageCodec.SendBody(messageText));
        }

        Response response = await SendExpectingMessageAsync(message, cancellationToken).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-popreceipt", out string? newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out string? nextVisible);
        return new UpdateReceipt(newReceipt ?? string.Empty, QueueMessageCodec.ParseTime(nextVisible));
    }

    /// <summary>The service's approximate message count (includes invisible messages).</summary>
    public virtual async Task<int> GetApproximateMessagesCountAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Get, string.Empty, [("comp", "metadata")]);
        Response response = await SendExpectingAsync(message, 200, cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out string? count)
            ? int.Parse(count, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : 0;
    }

    /// <summary>Deletes every message in the queue.</summary>
    public virtual async Task ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Delete, "/messages", null);
        await SendExpectingAsync(message, 204, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the queue; succeeds when it does not exist.</summary>
    public virtual async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Delete, string.Empty, null);
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (204 or 404))
        {
            throw StorageErrors.Create(response);
        }
    }

    private static string Seconds(TimeSpan value) =>
        ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string Count(int maxMessages) => maxMessages is >= 1 and <= 32
        ? maxMessages.ToString(CultureInfo.InvariantCulture)
        : throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, "The Queue service returns 1 to 32 messages per call.");

    private HttpMessage CreateMessage(RequestMethod method, string path, IEnumerable<(string Name, string Value)>? query)
    {
        HttpMessage message = _pipeline!.CreateMessage();
        Request request = message.Request;
        request.Method = method;
        request.Uri.Reset(_queueUri!);
        if (path.Length > 0)
        {
            request.Uri.AppendPath(path, escape: false);
        }

        foreach ((string name, string value) in query ?? [])
        {
            request.Uri.AppendQuery(name, value, escapeValue: true);
        }

        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline!.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    // Azure answers a stale pop receipt with 404 MessageNotFound; Azurite (and older service versions) with
    // 400 PopReceiptMismatch. Both mean "you no longer own this message", surfaced uniformly as status 404.
    private async Task<Response> SendExpectingMessageAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 204)
        {
            return response;
        }

        RequestFailedException error = StorageErrors.Create(response);
        throw error.ErrorCode == "PopReceiptMismatch" ? new RequestFailedException(404, error.Message, error.ErrorCode, null) : error;
    }

    private async Task<Response> SendExpectingAsync(HttpMessage message, int expectedStatus, CancellationToken cancellationToken)
    {
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == expectedStatus ? response : throw StorageErrors.Create(response);
    }
}
