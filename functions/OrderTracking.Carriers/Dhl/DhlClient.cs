using OrderTracking.Carriers.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Dhl;

/// <summary>HTTP to DHL Shipment Tracking – Unified (carriers.md §1.4). No mapping here.</summary>
internal sealed class DhlClient
{
    private readonly CarrierClientServices _services;
    private readonly DhlOptions _options;
    private readonly Uri _base;
    private readonly CarrierHttpExecutor _executor;

    public DhlClient(CarrierClientServices services, IOptions<DhlOptions> options)
    {
        _services = services;
        _options = options.Value;
        _base = CarrierClientServices.AsBase(_options.BaseUrl);
        _executor = services.CreateExecutor(CarrierCodes.Dhl, services.LoggerFactory.CreateLogger<DhlClient>());
    }

    /// <summary><c>GET /track/shipments?trackingNumber=</c> with the <c>DHL-API-Key</c> header [S30].</summary>
    public async Task<CarrierHttpReply> TrackAsync(string trackingNumber, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await _executor.SendAsync(_services.CreateHttpClient(), () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, $"track/shipments?trackingNumber={Uri.EscapeDataString(trackingNumber)}"));
            request.Headers.Add("DHL-API-Key", _options.ApiKey);
            return request;
        }, idempotent: true, cancellationToken).ConfigureAwait(false);
        return await CarrierHttpReply.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }
}
