using Microsoft.Extensions.Logging;
using OrderTracking.Carriers.Http;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.FedEx;

/// <summary>FedEx behind the tracking port: batches of up to 30 numbers per call (carriers.md §1.2).</summary>
internal sealed class FedExAdapter(FedExClient client, ILogger<FedExAdapter> logger) : ICarrierTracker
{
    /// <summary>"Maximum limit is 30" trackingInfo entries [S10].</summary>
    public const int MaxNumbersPerCall = 30;

    private readonly UnknownCodeLog _unknownCodes = new(CarrierCodes.FedEx, logger);

    public string Carrier => CarrierCodes.FedEx;

    public int MaxBatch => MaxNumbersPerCall;

    public async Task<IReadOnlyDictionary<string, CarrierTrackingResult>> TrackAsync(
        IReadOnlyList<CarrierTrackingRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new Dictionary<string, CarrierTrackingResult>(requests.Count, StringComparer.Ordinal);
        foreach (CarrierTrackingRequest[] chunk in requests.Chunk(MaxNumbersPerCall))
        {
            string[] numbers = [.. chunk.Select(r => CarrierResolver.NormalizeTrackingNumber(r.TrackingNumber)).Distinct(StringComparer.Ordinal)];
            Dictionary<string, CarrierTrackingResult> byNumber;
            try
            {
                CarrierHttpReply reply = await client.TrackAsync(numbers, cancellationToken).ConfigureAwait(false);
                var unknown = new List<string>();
                byNumber = FedExMapper.Map(reply, numbers, unknown);
                _unknownCodes.Report(unknown);
            }
            catch (CarrierCallException ex)
            {
                byNumber = numbers.ToDictionary(n => n, _ => ex.Result, StringComparer.Ordinal);
            }

            foreach (CarrierTrackingRequest request in chunk)
            {
                results[request.TrackingNumber] = byNumber[CarrierResolver.NormalizeTrackingNumber(request.TrackingNumber)];
            }
        }

        return results;
    }
}
