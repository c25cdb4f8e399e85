using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers.Http;

/// <summary>Runs a batch one call per number (UPS, USPS, DHL take one number per call).</summary>
internal static class CarrierBatch
{
    /// <summary>Tracks numbers one call at a time; a throttled/failed call becomes that number's result.</summary>
    public static async Task<IReadOnlyDictionary<string, CarrierTrackingResult>> TrackEachAsync(
        IReadOnlyList<CarrierTrackingRequest> requests,
        Func<string, CancellationToken, Task<CarrierTrackingResult>> trackOne,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new Dictionary<string, CarrierTrackingResult>(requests.Count, StringComparer.Ordinal);
        foreach (CarrierTrackingRequest request in requests)
        {
            try
            {
                results[request.TrackingNumber] = await trackOne(
                    CarrierResolver.NormalizeTrackingNumber(request.TrackingNumber), cancellationToken).ConfigureAwait(false);
            }
            catch (CarrierCallException ex)
            {
                results[request.TrackingNumber] = ex.Result;
            }
        }

        return results;
    }
}
