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
}
