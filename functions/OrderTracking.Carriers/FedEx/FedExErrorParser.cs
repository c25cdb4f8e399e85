using OrderTracking.Carriers.FedEx.Wire;
using OrderTracking.Carriers.Http;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers.FedEx;

/// <summary>Request-level FedEx errors <c>{transactionId, errors:[{code,message}]}</c> [S10] → result for the whole batch.</summary>
internal static class FedExErrorParser
{
    public static CarrierTrackingResult Parse(CarrierHttpReply reply)
    {
        string? code = CarrierJson.TryParse(reply.Body, FedExJsonContext.Default.ErrorResponse, out ErrorResponse? error, out _) &&
                       error!.Errors is [var first, ..] ? first.Code : null;
        return code == FedExMapper.NotFoundCode
            ? CarrierTrackingResult.NotFound()
            : CarrierTrackingResult.Failed($"FedEx HTTP {(int)reply.Status}{(code is null ? string.Empty : " " + code)}");
    }
}
