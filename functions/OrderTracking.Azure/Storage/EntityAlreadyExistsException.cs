using Azure;

namespace OrderTracking.Azure.Storage;

/// <summary>An add failed because an entity with the same PartitionKey and RowKey exists (HTTP 409).</summary>
public class EntityAlreadyExistsException : RequestFailedException
{
    public EntityAlreadyExistsException()
        : this("The specified entity already exists.")
    {
    }

    public EntityAlreadyExistsException(string message)
        : this(message, "EntityAlreadyExists", null)
    {
    }

    public EntityAlreadyExistsException(string message, Exception? innerException)
        : this(message, "EntityAlreadyExists", innerException)
    {
    }

    public EntityAlreadyExistsException(string message, string? errorCode, Exception? innerException)
        : base(409, message, errorCode, innerException)
    {
    }
}
