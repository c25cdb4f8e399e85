namespace OrderTracking.Functions.Hosting;

/// <summary>A decoded queue invocation.</summary>
/// <param name="MessageText">The message text (already Base64-decoded by the host and unwrapped from its JSON encoding).</param>
/// <param name="DequeueCount">How many times the message has been delivered, this time included.</param>
/// <param name="MessageId">The queue message id, if the host sent it.</param>
internal sealed record QueueInvocation(string MessageText, long DequeueCount, string? MessageId);
