using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers.Http;

/// <summary>A call that ended throttled or failed; the adapter turns it into that result for every number in the batch.</summary>
internal sealed class CarrierCallException : Exception
{
    public CarrierCallException(CarrierTrackingResult result)
        : base(result.Error ?? result.Kind.ToString()) => Result = result;

    public CarrierCallException()
        : this(CarrierTrackingResult.Failed("carrier call failed"))
    {
    }

    public CarrierCallException(string message)
        : this(CarrierTrackingResult.Failed(message))
    {
    }

    public CarrierCallException(string message, Exception innerException)
        : base(message, innerException) => Result = CarrierTrackingResult.Failed(message);

    public CarrierTrackingResult Result { get; }
}
