using Microsoft.Extensions.Logging;
using OrderTracking.Carriers.Http;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Dhl;

/// <summary>DHL behind the tracking port: one number per call.</summary>
internal sealed class DhlAdapter(DhlClient client, ILogger<DhlAdapter> logger) : ICarrierTracker
{
    private readonly UnknownCodeLog _unknownCodes = new(CarrierCodes.Dhl, logger);

    public string Carrier => CarrierCodes.Dhl;

    public int MaxBatch => 1;

    public Task<IReadOnlyDictionary<string, CarrierTrackingResult>> TrackAsync(
        IReadOnlyList<CarrierTrackingRequest> requests, CancellationToken cancellationToken) =>
        CarrierBatch.TrackEachAsync(requests, async (number, ct) =>
        {
            CarrierHttpReply reply = await client.TrackAsync(number, ct).ConfigureAwait(false);
            var unknown = new List<string>();
            CarrierTrackingResult result = DhlMapper.Map(reply, unknown);
            _unknownCodes.Report(unknown);
            return result;
        }, cancellationToken);
}
