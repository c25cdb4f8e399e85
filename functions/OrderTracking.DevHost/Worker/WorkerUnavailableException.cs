namespace OrderTracking.DevHost.Worker;

/// <summary>The worker's gRPC stream closed (the process exited or was killed) before it answered.</summary>
internal sealed class WorkerUnavailableException : Exception
{
    public WorkerUnavailableException()
    {
    }

    public WorkerUnavailableException(string message)
        : base(message)
    {
    }

    public WorkerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
