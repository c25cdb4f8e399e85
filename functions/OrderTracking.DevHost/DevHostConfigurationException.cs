namespace OrderTracking.DevHost;

/// <summary>host.json, worker.config.json or a function's bindings are invalid or unsupported; the message names the file or function and the problem.</summary>
public sealed class DevHostConfigurationException : Exception
{
    public DevHostConfigurationException()
    {
    }

    public DevHostConfigurationException(string message)
        : base(message)
    {
    }

    public DevHostConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
