using Microsoft.Extensions.Logging;
using OrderTracking.Carriers.Http;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Usps;

/// <summary>USPS behind the tracking port: one number per call.</summary>
internal sealed class UspsAdapter(UspsClient client, ILogger<UspsAdapter> logger) : ICarrierTracker
{
    private readonly UnknownCodeLog _unknownCodes = new(CarrierCodes.Usps, logger);

    public string Carrier => CarrierCodes.Usps;

    public int MaxBatch => 1;

    public Task<IReadOnlyDictionary<string, CarrierTrackingResult>> TrackAsync(
        IReadOnlyList<CarrierTrackingRequest> requests, CancellationToken cancellationToken) =>
        CarrierBatch.TrackEachAsync(requests, async (number, ct) =>
        {
            CarrierHttpReply reply = await client.TrackAsync(number, ct).ConfigureAwait(false);
            var unknown = new List<string>();
            CarrierTrackingResult result = UspsMapper.Map(reply, unknown);
            _unknownCodes.Report(unknown);
            return result;
        }, cancellationToken);
}
