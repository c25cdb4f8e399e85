using System.Diagnostics.CodeAnalysis;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers;

/// <summary>The enabled carriers, by code. Registered by <see cref="CarrierServiceCollectionExtensions.AddCarriers"/>.</summary>
public sealed class CarrierRegistry
{
    private readonly Dictionary<string, ICarrierTracker> _trackers;

    /// <summary>Creates the registry; a carrier code registered twice is a configuration fault.</summary>
    public CarrierRegistry(IEnumerable<ICarrierTracker> trackers)
    {
        ArgumentNullException.ThrowIfNull(trackers);
        _trackers = new Dictionary<string, ICarrierTracker>(StringComparer.OrdinalIgnoreCase);
        foreach (ICarrierTracker tracker in trackers)
        {
            if (!_trackers.TryAdd(tracker.Carrier, tracker))
            {
                throw new InvalidOperationException($"Carrier '{tracker.Carrier}' is registered more than once.");
            }
        }

        All = _trackers.Values.ToArray();
    }

    /// <summary>Every enabled carrier.</summary>
    public IReadOnlyCollection<ICarrierTracker> All { get; }

    /// <summary>The tracker for a carrier code (<c>ups</c>, <c>fedex</c>, <c>usps</c>, <c>dhl</c>, <c>sandbox</c>), if enabled.</summary>
    public bool TryGet(string code, [NotNullWhen(true)] out ICarrierTracker? tracker)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _trackers.TryGetValue(code, out tracker);
    }

    /// <summary>True when the carrier is enabled.</summary>
    public bool IsEnabled(string code) => code is not null && _trackers.ContainsKey(code);
}
