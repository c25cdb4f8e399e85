using OrderTracking.DevHost.Configuration;

namespace OrderTracking.DevHost.Queues;

/// <summary>Settings shared by every <see cref="QueueListener"/>.</summary>
/// <param name="Queues">host.json <c>extensions.queues</c>.</param>
/// <param name="MaxPollingInterval">Longest back-off while empty (host.json or the test override).</param>
/// <param name="Lease">How long a received message stays hidden while it is processed.</param>
/// <param name="TimeProvider">Clock for the back-off delays.</param>
internal sealed record QueueListenerOptions(QueueSettings Queues, TimeSpan MaxPollingInterval, TimeSpan Lease, TimeProvider TimeProvider)
{
    /// <summary>A new batch is fetched once fewer than this many messages are still running (reference §4.4).</summary>
    public int NewBatchThreshold => Queues.NewBatchThreshold ?? Math.Max(1, Queues.BatchSize / 2);
}
