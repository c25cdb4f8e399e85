using System.Collections.Concurrent;
using OrderTracking.DevHost;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>Counts finished invocations per function (from <see cref="DevHostServer.Invoked"/>) while it lives.</summary>
internal sealed class InvocationCounter : IDisposable
{
    private readonly DevHostServer _host;
    private readonly ConcurrentDictionary<string, int> _succeeded = new(StringComparer.Ordinal);

    public InvocationCounter(DevHostServer host)
    {
        _host = host;
        _host.Invoked += OnInvoked;
    }

    /// <summary>Successful invocations of <paramref name="functionName"/> since this counter started.</summary>
    public int Succeeded(string functionName) => _succeeded.GetValueOrDefault(functionName);

    public void Dispose() => _host.Invoked -= OnInvoked;

    private void OnInvoked(InvocationRecord record)
    {
        if (record.Succeeded)
        {
            _succeeded.AddOrUpdate(record.FunctionName, 1, (_, n) => n + 1);
        }
    }
}
