using OrderTracking.Carriers.Http;
using OrderTracking.Carriers.Ups.Wire;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers.Ups;

/// <summary>UPS error bodies <c>{"response":{"errors":[{code,message}]}}</c> [S1][S2] → result.</summary>
internal static class UpsErrorParser
{
    public static CarrierTrackingResult Parse(CarrierHttpReply reply)
    {
        string? code = null;
        if (CarrierJson.TryParse(reply.Body, UpsJsonContext.Default.ErrorResponse, out ErrorResponse? error, out _) &&
            error!.Response?.Errors is [var first, ..])
        {
            code = first.Code;
        }

        // An invalid number is something UPS will never find: not found, not a fault.
        return code is UpsMapper.InvalidNumberError or UpsMapper.NotFoundWarning
            ? CarrierTrackingResult.NotFound()
            : CarrierTrackingResult.Failed($"UPS HTTP {(int)reply.Status}{(code is null ? string.Empty : " " + code)}");
    }
}
