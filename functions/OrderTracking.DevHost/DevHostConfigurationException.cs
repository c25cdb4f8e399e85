namespace OrderTracking.DevHost;

/// <summary>host.json or a function.json is invalid; the message names the file and the problem.</summary>
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
