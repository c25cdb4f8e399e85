namespace OrderTracking.DevHost.Worker;

/// <summary>A worker process could not be started, connected, initialized or loaded.</summary>
internal sealed class WorkerStartException : Exception
{
    public WorkerStartException()
    {
    }

    public WorkerStartException(string message)
        : base(message)
    {
    }

    public WorkerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when retrying cannot help (bad metadata, a function that does not load): start-up stops.</summary>
    public bool IsFatal { get; init; }
}
