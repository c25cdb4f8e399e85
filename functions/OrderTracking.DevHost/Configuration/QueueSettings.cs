namespace OrderTracking.DevHost.Configuration;

/// <summary>host.json <c>extensions.queues</c>; defaults are the host's <c>QueuesOptions</c> (reference §4.4).</summary>
internal sealed record QueueSettings
{
    public int BatchSize { get; init; } = 16;

    /// <summary><c>newBatchThreshold</c>; null means <c>batchSize / 2</c> (one DevHost instance stands for one small VM).</summary>
    public int? NewBatchThreshold { get; init; }

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>True for <c>messageEncoding: base64</c> (the default), false for <c>none</c>.</summary>
    public bool Base64Encoding { get; init; } = true;
}
