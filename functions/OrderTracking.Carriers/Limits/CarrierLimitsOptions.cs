using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Limits;

/// <summary>
/// One carrier's request budget (configuration <c>Carriers:{Carrier}:RequestsPerSecond</c>, <c>:RequestsPerDay</c>,
/// <c>:MaxBatch</c>). Defaults are the published limits (carriers.md §0, §1, §8); see <see cref="DefaultsFor"/>.
/// </summary>
public sealed class CarrierLimitsOptions
{
    /// <summary>
    /// A per-process token bucket (<c>LocalCarrierPermits</c>) runs at 1/1.15 (≈ 87 %) of the published rate: a bucket
    /// refills in steps and lets a burst through, and a carrier that counts in a strict window must never see one too
    /// many (measured with the adapter drain scenario, docs/carriers.md; 0.95 let one through).
    /// </summary>
    public const double SafetyFactor = 1 / 1.15;

    /// <summary>
    /// The shared budget of the function app (<c>SharedCarrierPermits</c>) spaces every instance's requests evenly at
    /// 90 % of the published rate. Evenly spaced requests have no burst to absorb, only send-time jitter (a late slot is
    /// given up); that leaves (1 / 0.9 − 1) s ≈ 111 ms of slack in any one-second window. Measured with 4 instances
    /// against a strict window at 8/s and 20/s: 0 over the limit (0.93, 75 ms of slack, let one through at 8/s).
    /// </summary>
    public const double PaceFactor = 0.9;

    /// <summary>Sustained requests per second (may be fractional: 1/60 = one a minute). Must be &gt; 0.</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>Requests per UTC day; 0 means no daily cap.</summary>
    public int RequestsPerDay { get; set; }

    /// <summary>Most tracking numbers one request may carry (FedEx 30; others 1).</summary>
    public int MaxBatch { get; set; } = 1;

    /// <summary>Requests allowed per minute, rounded down (at least 1 when <see cref="RequestsPerSecond"/> &gt; 0).</summary>
    public int RequestsPerMinute => RequestsPerSecond <= 0 ? 0 : Math.Max(1, (int)Math.Floor(RequestsPerSecond * 60));

    /// <summary>
    /// Published defaults: FedEx 1,400 per 10 s (140/s), 100,000 a day, batches of 30; DHL starter tier 1/s and
    /// 250 a day; USPS an hourly quota (~60/h reported, so 1/min and 1,440 a day); UPS unpublished, so a conservative
    /// 2/s and 10,000 a day; the sandbox 100/s, no daily cap.
    /// </summary>
    public static CarrierLimitsOptions DefaultsFor(string carrier) => carrier switch
    {
        CarrierCodes.FedEx => new() { RequestsPerSecond = 140, RequestsPerDay = 100_000, MaxBatch = 30 },
        CarrierCodes.Dhl => new() { RequestsPerSecond = 1, RequestsPerDay = 250, MaxBatch = 1 },
        CarrierCodes.Usps => new() { RequestsPerSecond = 1.0 / 60, RequestsPerDay = 1_440, MaxBatch = 1 },
        CarrierCodes.Ups => new() { RequestsPerSecond = 2, RequestsPerDay = 10_000, MaxBatch = 1 },
        _ => new() { RequestsPerSecond = 100, RequestsPerDay = 0, MaxBatch = 1 },
    };

    /// <summary>Throws when a value is out of range (called at start).</summary>
    public void Validate(string carrier)
    {
        if (!(RequestsPerSecond > 0) || double.IsInfinity(RequestsPerSecond))
        {
            throw new InvalidOperationException($"Carriers:{carrier}:RequestsPerSecond must be a positive number.");
        }

        if (RequestsPerDay < 0)
        {
            throw new InvalidOperationException($"Carriers:{carrier}:RequestsPerDay must be 0 (no cap) or positive.");
        }

        if (MaxBatch < 1)
        {
            throw new InvalidOperationException($"Carriers:{carrier}:MaxBatch must be at least 1.");
        }
    }
}
