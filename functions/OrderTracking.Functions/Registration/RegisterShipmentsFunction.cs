using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using OrderTracking.Carriers;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Functions.Registration;

/// <summary><c>RegisterShipments</c>: <c>POST /api/shipments</c> with a function key (checked by the host).</summary>
internal sealed class RegisterShipmentsFunction(CarrierResolver resolver, InboundQueue queue, IOptions<TrackingOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    [Function(RegisterShipmentsEndpoints.FunctionName)]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "shipments")] HttpRequest request, CancellationToken cancellationToken) =>
        RegisterShipmentsEndpoints.HandleAsync(request.HttpContext, resolver, queue, options, time, loggers, cancellationToken);
}
