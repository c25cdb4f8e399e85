namespace OrderTracking.Core.Polling;

/// <summary>What to do after a poll.</summary>
/// <param name="NextDue">When to poll next, or null to stop polling.</param>
/// <param name="Expire">True when the shipment should be marked expired (silent too long).</param>
public sealed record PollDecision(DateTimeOffset? NextDue, bool Expire = false);
