using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Functions.Lookup;

/// <summary><c>TrackingLookup</c>: <c>POST</c> (and the CORS preflight <c>OPTIONS</c>) <c>/api/tracking/lookup</c>, anonymous.</summary>
internal sealed class TrackingLookupFunction(OrderLookup lookup, StorageContext storage, IOptions<TrackingOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    [Function(TrackingLookupEndpoints.FunctionName)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "tracking/lookup")] HttpRequest request,
        CancellationToken cancellationToken) =>
        HttpMethods.IsOptions(request.Method)
            ? Task.FromResult(TrackingApiEndpoints.Preflight(request.HttpContext, options))
            : TrackingLookupEndpoints.HandleAsync(request.HttpContext, lookup, storage, options, time, loggers, cancellationToken);
}
