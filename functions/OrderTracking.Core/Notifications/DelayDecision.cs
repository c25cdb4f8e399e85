namespace OrderTracking.Core.Notifications;

/// <summary>The outcome of <see cref="DelayPolicy.Evaluate"/>.</summary>
/// <param name="IsDelayed">The value to store in the shipment's <c>delayed</c> flag.</param>
/// <param name="StartsEpisode">True when a new delay episode starts now: enqueue one <see cref="Milestone.Delayed"/> notification.</param>
/// <param name="Trigger">Why the shipment is delayed (<see cref="DelayTrigger.None"/> when it is not).</param>
/// <param name="EpisodeKey">
/// A key derived only from stored data (so every instance and every retry computes the same one), used as the ledger
/// milestone suffix: <c>delayed-{EpisodeKey}</c>. Null when <paramref name="StartsEpisode"/> is false.
/// </param>
public sealed record DelayDecision(bool IsDelayed, bool StartsEpisode, DelayTrigger Trigger, string? EpisodeKey)
{
    /// <summary>Not delayed.</summary>
    public static DelayDecision NotDelayed { get; } = new(false, false, DelayTrigger.None, null);
}
