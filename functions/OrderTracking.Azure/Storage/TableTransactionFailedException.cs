using Azure;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// An entity group transaction was rejected as a whole (nothing was changed). <see cref="RequestFailedException.Status"/>
/// and <see cref="RequestFailedException.ErrorCode"/> describe the failing operation, <see cref="FailedIndex"/> its position.
/// </summary>
public class TableTransactionFailedException : RequestFailedException
{
    public TableTransactionFailedException()
        : this("The table transaction failed.")
    {
    }

    public TableTransactionFailedException(string message)
        : this(400, message, null, null, null)
    {
    }

    public TableTransactionFailedException(string message, Exception? innerException)
        : this(400, message, null, null, innerException)
    {
    }

    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedIndex, Exception? innerException)
        : base(status, message, errorCode, innerException)
    {
        FailedIndex = failedIndex;
    }

    /// <summary>Zero-based index of the action that failed, when the service reported it; otherwise <c>null</c>.</summary>
    public int? FailedIndex { get; }
}
