using Microsoft.Extensions.Configuration;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Limits;

/// <summary>
/// Per-carrier request budgets for the scheduler (<c>SchedulePolls</c>): how many requests and numbers it may hand to
/// a carrier per tick. The shared 429 cool-down lives in the <c>CarrierState</c> table, not here.
/// </summary>
public sealed class CarrierBudget
{
    private readonly Dictionary<string, CarrierLimitsOptions> _limits;

    /// <summary>Creates a budget from explicit limits (carrier code → limits); missing carriers get the defaults.</summary>
    public CarrierBudget(IReadOnlyDictionary<string, CarrierLimitsOptions> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = new Dictionary<string, CarrierLimitsOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (string carrier in CarrierCodes.All)
        {
            CarrierLimitsOptions options = limits.TryGetValue(carrier, out CarrierLimitsOptions? given) ? given : CarrierLimitsOptions.DefaultsFor(carrier);
            options.Validate(carrier);
            _limits[carrier] = options;
        }
    }

    /// <summary>Every carrier's limits, by code.</summary>
    public IReadOnlyDictionary<string, CarrierLimitsOptions> All => _limits;

    /// <summary>Reads <c>Carriers:{Carrier}:RequestsPerSecond|RequestsPerDay|MaxBatch</c> over the published defaults.</summary>
    public static CarrierBudget FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var limits = new Dictionary<string, CarrierLimitsOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (string carrier in CarrierCodes.All)
        {
            CarrierLimitsOptions options = CarrierLimitsOptions.DefaultsFor(carrier);
            configuration.GetSection(CarrierSections.For(carrier)).Bind(options);
            limits[carrier] = options;
        }

        return new CarrierBudget(limits);
    }

    /// <summary>The limits of a carrier (defaults for an unknown code are the sandbox's).</summary>
    public CarrierLimitsOptions For(string carrier) =>
        _limits.TryGetValue(carrier, out CarrierLimitsOptions? options) ? options : CarrierLimitsOptions.DefaultsFor(carrier);

    /// <summary>Most numbers per request for a carrier (FedEx 30, others 1).</summary>
    public int MaxBatch(string carrier) => For(carrier).MaxBatch;

    /// <summary>
    /// Requests the carrier allows in a window (e.g. one scheduler tick), from the per-second rate and capped by a
    /// daily cap spread evenly over the day. At least 1, so a slow carrier still moves.
    /// </summary>
    public int MaxRequestsIn(string carrier, TimeSpan window)
    {
        CarrierLimitsOptions options = For(carrier);
        // At the pace the shared permits really send, so a tick never dispatches more than they let through in it.
        double byRate = options.RequestsPerSecond * CarrierLimitsOptions.PaceFactor * window.TotalSeconds;
        double byDay = options.RequestsPerDay > 0 ? options.RequestsPerDay * window.TotalSeconds / 86_400 : double.MaxValue;
        return Math.Max(1, (int)Math.Floor(Math.Min(byRate, byDay)));
    }

    /// <summary>Numbers the carrier can be asked about in a window: <see cref="MaxRequestsIn"/> × <see cref="MaxBatch"/>.</summary>
    public int MaxNumbersIn(string carrier, TimeSpan window) => MaxRequestsIn(carrier, window) * MaxBatch(carrier);
}
