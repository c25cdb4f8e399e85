using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// The multipart/mixed body of an entity group transaction and the parsing of its answer.
/// https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions
/// </summary>
internal static partial class TableBatchContent
{
    public sealed record Operation(string Method, string Uri, string? IfMatch, byte[]? Json);

    public sealed record OperationResult(int Status, string? ETag, string Body);

    public static byte[] Build(string batchBoundary, string changesetBoundary, IReadOnlyList<Operation> operations)
    {
        var body = new StringBuilder();
        body.Append("--").Append(batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        for (int i = 0; i < operations.Count; i++)
        {
            Operation op = operations[i];
            body.Append("--").Append(changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(op.Method).Append(' ').Append(op.Uri).Append(" HTTP/1.1\r\n")
                .Append("Accept: application/json;odata=minimalmetadata\r\n")
                .Append("DataServiceVersion: 3.0\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-ID: {i + 1}\r\n");
            if (op.IfMatch is not null)
            {
                body.Append("If-Match: ").Append(op.IfMatch).Append("\r\n");
            }

            if (op.Json is not null)
            {
                body.Append("Content-Type: application/json\r\n")
                    .Append("Prefer: return-no-content\r\n\r\n")
                    .Append(Encoding.UTF8.GetString(op.Json)).Append("\r\n");
            }
            else
            {
                body.Append("\r\n");
            }
        }

        body.Append("--").Append(changesetBoundary).Append("--\r\n")
            .Append("--").Append(batchBoundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    /// <summary>Every embedded HTTP response, in order: status, ETag header and body.</summary>
    public static List<OperationResult> Parse(string responseBody)
    {
        var results = new List<OperationResult>();
        MatchCollection statuses = StatusLine().Matches(responseBody);
        for (int i = 0; i < statuses.Count; i++)
        {
            Match status = statuses[i];
            int end = i + 1 < statuses.Count ? statuses[i + 1].Index : responseBody.Length;
            string part = responseBody[status.Index..end];
            int blank = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            string headers = blank < 0 ? part : part[..blank];
            string content = blank < 0 ? string.Empty : part[(blank + 4)..];
            int boundary = content.IndexOf("\r\n--", StringComparison.Ordinal);
            content = boundary < 0 ? content.Trim() : content[..boundary].Trim();
            Match etag = ETagHeader().Match(headers);
            results.Add(new OperationResult(
                int.Parse(status.Groups["status"].Value, CultureInfo.InvariantCulture),
                etag.Success ? etag.Groups["etag"].Value.Trim() : null,
                content));
        }

        return results;
    }

    /// <summary>The failing operation's index: the service prefixes the error message with "{index}:".</summary>
    public static int? FailedIndex(string? message, int operationCount)
    {
        if (message is null)
        {
            return null;
        }

        Match match = IndexPrefix().Match(message);
        return match.Success && int.TryParse(match.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && index < operationCount
            ? index
            : null;
    }

    [GeneratedRegex(@"^HTTP/1\.1 (?<status>\d{3})", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^ETag:\s*(?<etag>.+?)\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ETagHeader();

    [GeneratedRegex(@"^(?<index>\d+):")]
    private static partial Regex IndexPrefix();
}
