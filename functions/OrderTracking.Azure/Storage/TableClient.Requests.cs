using System.Globalization;
using Azure;
using Azure.Core;

namespace OrderTracking.Azure.Storage;

/// <summary>Request building and response handling shared by the table operations.</summary>
public partial class TableClient
{
    private const int MaxTop = 1000;

    private static RequestMethod Verb(TableUpdateMode mode) => mode == TableUpdateMode.Replace ? RequestMethod.Put : RequestMethod.Patch;

    // Keys go in the URL as OData string literals: single quotes doubled, then percent-encoded.
    // https://learn.microsoft.com/rest/api/storageservices/query-entities#sample-request-and-response
    private static string KeyLiteral(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static void SetJson(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    private static void AppendSelect(HttpMessage message, IEnumerable<string>? select)
    {
        if (select is not null && string.Join(',', select) is { Length: > 0 } columns)
        {
            message.Request.Uri.AppendQuery("$select", columns, escapeValue: true);
        }
    }

    private static void AppendQueryOptions(HttpMessage message, string? filter, int? maxPerPage, string? continuationToken)
    {
        RequestUriBuilder uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (maxPerPage is { } top)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(top, 1, nameof(maxPerPage));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop, nameof(maxPerPage));
            uri.AppendQuery("$top", top.ToString(CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            string[] parts = continuationToken.Split(' ');
            uri.AppendQuery("NextPartitionKey", parts[0], escapeValue: true);
            if (parts.Length > 1 && parts[1].Length > 0)
            {
                uri.AppendQuery("NextRowKey", parts[1], escapeValue: true);
            }
        }
    }

    // https://learn.microsoft.com/rest/api/storageservices/query-timeout-and-pagination
    private static string? NextToken(Response response)
    {
        if (!response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out string? partition) || string.IsNullOrEmpty(partition))
        {
            return null;
        }

        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out string? row);
        return partition + " " + row;
    }

    private static void EnsureStatus(Response response, int expected)
    {
        if (response.Status != expected)
        {
            throw StorageErrors.Create(response);
        }
    }

    private string EntityPath(string partitionKey, string rowKey) =>
        $"/{Name}(PartitionKey='{KeyLiteral(partitionKey)}',RowKey='{KeyLiteral(rowKey)}')";

    private string EntityUri(string partitionKey, string rowKey) => _serviceEndpoint!.AbsoluteUri + EntityPath(partitionKey, rowKey);

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        HttpMessage message = _pipeline!.CreateMessage();
        Request request = message.Request;
        request.Method = method;
        request.Uri.Reset(_serviceEndpoint!);
        request.Uri.AppendPath(path, escape: false);
        request.Headers.SetValue("Accept", JsonAccept);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline!.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    private async Task<ETag> SendForETagAsync(HttpMessage message, int expected, CancellationToken cancellationToken)
    {
        Response response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        EnsureStatus(response, expected);
        return response.Headers.ETag ?? default;
    }
}
