namespace OrderTracking.DevHost.Queues;

/// <summary>A queue message as the queue trigger's binding data describes it (reference §2.3), text already decoded.</summary>
internal sealed record ReceivedMessage(
    string Id,
    string PopReceipt,
    string Text,
    long DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    DateTimeOffset NextVisibleTime);
