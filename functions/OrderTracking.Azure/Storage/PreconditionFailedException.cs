using Azure;

namespace OrderTracking.Azure.Storage;

/// <summary>An update or delete failed because the stored ETag no longer matches <c>If-Match</c> (HTTP 412).</summary>
public class PreconditionFailedException : RequestFailedException
{
    public PreconditionFailedException()
        : this("The update condition specified in the request was not satisfied.")
    {
    }

    public PreconditionFailedException(string message)
        : this(message, "UpdateConditionNotSatisfied", null)
    {
    }

    public PreconditionFailedException(string message, Exception? innerException)
        : this(message, "UpdateConditionNotSatisfied", innerException)
    {
    }

    public PreconditionFailedException(string message, string? errorCode, Exception? innerException)
        : base(412, message, errorCode, innerException)
    {
    }
}
