using Azure.Core.Pipeline;

namespace OrderTracking.Azure.Storage;

/// <summary>Entry point to the Table service of one account (mirrors <c>Azure.Data.Tables.TableServiceClient</c>).</summary>
public class TableServiceClient
{
    private readonly Uri? _endpoint;
    private readonly HttpPipeline? _pipeline;

    internal TableServiceClient(Uri endpoint, HttpPipeline pipeline)
    {
        _endpoint = endpoint;
        _pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected TableServiceClient()
    {
    }

    /// <summary>The Table service endpoint.</summary>
    public virtual Uri Uri => _endpoint ?? throw new InvalidOperationException("Mock instance.");

    /// <summary>A client for one table sharing this client's pipeline. Validates the name; sends nothing.</summary>
    public virtual TableClient GetTableClient(string tableName)
    {
        StorageNames.ValidateTable(tableName);
        return new TableClient(Uri, tableName, _pipeline!);
    }
}
