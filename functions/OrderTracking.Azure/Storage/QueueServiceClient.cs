using Azure.Core.Pipeline;

namespace OrderTracking.Azure.Storage;

/// <summary>Entry point to the Queue service of one account (mirrors <c>Azure.Storage.Queues.QueueServiceClient</c>).</summary>
public class QueueServiceClient
{
    private readonly Uri? _endpoint;
    private readonly HttpPipeline? _pipeline;

    internal QueueServiceClient(Uri endpoint, HttpPipeline pipeline)
    {
        _endpoint = endpoint;
        _pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected QueueServiceClient()
    {
    }

    /// <summary>The Queue service endpoint.</summary>
    public virtual Uri Uri => _endpoint ?? throw new InvalidOperationException("Mock instance.");

    /// <summary>A client for one queue sharing this client's pipeline. Validates the name; sends nothing.</summary>
    public virtual QueueClient GetQueueClient(string queueName)
    {
        StorageNames.ValidateQueue(queueName);
        return new QueueClient(Uri, queueName, _pipeline!);
    }
}
