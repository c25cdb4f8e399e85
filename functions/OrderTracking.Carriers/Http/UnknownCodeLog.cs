using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrderTracking.Carriers.Http;

/// <summary>Logs each unmapped carrier status code once per process (exhaustive maps, unknown → <c>unknown</c>).</summary>
internal sealed class UnknownCodeLog(string carrier, ILogger logger)
{
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    public void Report(IEnumerable<string> codes)
    {
        foreach (string code in codes)
        {
            if (_seen.TryAdd(code, 0))
            {
                CarrierLog.UnknownStatusCode(logger, carrier, code);
            }
        }
    }
}
