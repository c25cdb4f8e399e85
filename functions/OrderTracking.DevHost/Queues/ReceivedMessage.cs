namespace OrderTracking.DevHost.Queues;

/// <summary>
/// A queue message as the queue trigger's binding data describes it (reference §4.2). <see cref="Text"/> is the decoded
/// message as UTF-8 text (null when the bytes are not UTF-8); <see cref="Body"/> the decoded bytes (null when the wire
/// text is not valid Base64 under <c>messageEncoding: base64</c>); <see cref="WireText"/> what storage holds.
/// </summary>
internal sealed record ReceivedMessage(
    string Id,
    string PopReceipt,
    string? Text,
    long DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    DateTimeOffset NextVisibleTime)
{
    public string WireText { get; init; } = Text ?? string.Empty;

    public byte[]? Body { get; init; } = Text is null ? null : System.Text.Encoding.UTF8.GetBytes(Text);
}
