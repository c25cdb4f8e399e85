using System.Collections.Concurrent;
using OrderTracking.DevHost.Queues;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// The storage account of a queue binding's <c>connection</c> (default <c>AzureWebJobsStorage</c>): the app setting of
/// that name, or <c>AzureWebJobs{name}</c>, as a connection string. One <see cref="IQueueAccess"/> per account.
/// </summary>
internal sealed class QueueConnections(IReadOnlyDictionary<string, string?> settings, IQueueAccess defaultAccess, string defaultConnectionString, Func<string, IQueueAccess> create)
{
    private readonly ConcurrentDictionary<string, IQueueAccess> _accounts = new(StringComparer.Ordinal) { [defaultConnectionString] = defaultAccess };

    public IQueueAccess For(FunctionDescriptor function, BindingDescriptor binding)
    {
        string? name = binding.GetString("connection");
        if (string.IsNullOrEmpty(name) || name.Equals("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase))
        {
            return defaultAccess;
        }

        string connectionString = Lookup(name) ?? Lookup("AzureWebJobs" + name)
            ?? throw new DevHostConfigurationException(
                $"Function '{function.Name}', binding '{binding.Name}': connection '{name}' is not an app setting holding a storage connection string (identity-based connections other than AzureWebJobsStorage are not supported by the DevHost).");
        return _accounts.GetOrAdd(connectionString, create);
    }

    private string? Lookup(string name) =>
        settings.TryGetValue(name, out string? value) && !string.IsNullOrEmpty(value) ? value : Environment.GetEnvironmentVariable(name);
}
