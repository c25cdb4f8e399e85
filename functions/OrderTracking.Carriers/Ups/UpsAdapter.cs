using Microsoft.Extensions.Logging;
using OrderTracking.Carriers.Http;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Ups;

/// <summary>UPS behind the tracking port: one number per call.</summary>
internal sealed class UpsAdapter(UpsClient client, ILogger<UpsAdapter> logger) : ICarrierTracker
{
    private readonly UnknownCodeLog _unknownCodes = new(CarrierCodes.Ups, logger);

    public string Carrier => CarrierCodes.Ups;

    public int MaxBatch => 1;

    public Task<IReadOnlyDictionary<string, CarrierTrackingResult>> TrackAsync(
        IReadOnlyList<CarrierTrackingRequest> requests, CancellationToken cancellationToken) =>
        CarrierBatch.TrackEachAsync(requests, TrackOneAsync, cancellationToken);

    private async Task<CarrierTrackingResult> TrackOneAsync(string trackingNumber, CancellationToken cancellationToken)
    {
        CarrierHttpReply reply = await client.TrackAsync(trackingNumber, cancellationToken).ConfigureAwait(false);
        var unknown = new List<string>();
        CarrierTrackingResult result = UpsMapper.Map(reply, unknown);
        _unknownCodes.Report(unknown);
        if (result.Kind == CarrierResultKind.Failed)
        {
            CarrierLog.Malformed(logger, Carrier, result.Error ?? "failed");
        }

        return result;
    }
}
