namespace OrderTracking.Functions.Polling;

/// <summary>Scheduler settings. Configuration section <c>Polling</c>.</summary>
internal sealed class PollingOptions
{
    /// <summary>Shards per carrier in <c>PollSchedule</c> (partitions read per tick). Default 4. Set once: changing it strands rows.</summary>
    public int ShardCount { get; set; } = 4;

    /// <summary>How far a taken row moves forward until its poll completes; a crash re-polls after it. Default 5 minutes.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most carrier requests one tick may enqueue per carrier when the carrier sets no tighter budget. Default 200.</summary>
    public int MaxRequestsPerTick { get; set; } = 200;

    /// <summary>
    /// Time between scheduler ticks (match <c>PollSchedule</c>); a tick enqueues at most what the carrier's published
    /// limits allow in this window. Default 1 minute.
    /// </summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Back-off after a failed call, doubled per consecutive failure up to 1 hour. Default 2 minutes.</summary>
    public TimeSpan FailureBackOff { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait after a throttled call when the carrier gives no Retry-After. Default 1 minute.</summary>
    public TimeSpan ThrottleBackOff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Retry interval for a carrier that is not configured here (no credentials). Default 6 hours.</summary>
    public TimeSpan UnavailableCarrierRetry { get; set; } = TimeSpan.FromHours(6);
}
