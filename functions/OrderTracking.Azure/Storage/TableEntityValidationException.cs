namespace OrderTracking.Azure.Storage;

/// <summary>An entity, key or property breaks a Table service rule; thrown before any request is sent.</summary>
public class TableEntityValidationException : ArgumentException
{
    public TableEntityValidationException()
    {
    }

    public TableEntityValidationException(string message)
        : base(message)
    {
    }

    public TableEntityValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public TableEntityValidationException(string message, string? paramName)
        : base(message, paramName)
    {
    }
}
