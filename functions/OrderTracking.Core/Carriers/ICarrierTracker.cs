namespace OrderTracking.Core.Carriers;

/// <summary>
/// Port for tracking a batch of numbers with one carrier. Implementations never throw for a carrier's
/// "not found", throttling or a failed call: each becomes a <see cref="CarrierTrackingResult"/>.
/// Only cancellation propagates as an exception.
/// </summary>
public interface ICarrierTracker
{
    /// <summary>The carrier code (see <see cref="Tracking.CarrierCodes"/>).</summary>
    string Carrier { get; }

    /// <summary>The most numbers one call may carry (FedEx 30; UPS, USPS, DHL, sandbox 1).</summary>
    int MaxBatch { get; }

    /// <summary>
    /// Tracks up to <see cref="MaxBatch"/> numbers. The result holds exactly one entry per requested number,
    /// keyed by the tracking number as requested.
    /// </summary>
    Task<IReadOnlyDictionary<string, CarrierTrackingResult>> TrackAsync(
        IReadOnlyList<CarrierTrackingRequest> requests, CancellationToken cancellationToken);
}
