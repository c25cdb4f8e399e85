using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Tracking;

/// <summary><c>TrackingApi</c>: <c>GET</c> (and the CORS preflight <c>OPTIONS</c>) <c>/api/tracking/{orderKey}?token=…</c>.</summary>
internal sealed class TrackingApiFunction(OrderStore orders, OrderArchiveStore archive, StorageContext storage, IOptions<TrackingOptions> options, TimeProvider time)
{
    [Function(TrackingApiEndpoints.FunctionName)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "options", Route = "tracking/{orderKey}")] HttpRequest request,
        string orderKey,
        CancellationToken cancellationToken) =>
        HttpMethods.IsOptions(request.Method)
            ? Task.FromResult(TrackingApiEndpoints.Preflight(request.HttpContext, options))
            : TrackingApiEndpoints.GetAsync(orderKey, request.Query["token"], request.HttpContext, orders, archive, storage, options, time, cancellationToken);
}
