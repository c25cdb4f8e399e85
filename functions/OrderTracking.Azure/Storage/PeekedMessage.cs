namespace OrderTracking.Azure.Storage;

/// <summary>A message read without changing its visibility (no pop receipt).</summary>
public sealed record PeekedMessage(
    string MessageId,
    string MessageText,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    DateTimeOffset? ExpiresOn);
