using System.Globalization;
using System.Text;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// Signs Queue service requests with Shared Key (Blob/Queue/File format, version 2009-09-19 and later), per retry.
/// https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key#blob-queue-and-file-services-shared-key-authorization
/// </summary>
internal sealed class QueueSharedKeyPolicy(StorageSharedKeyCredential credential, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    private static readonly string[] s_standardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    public override void OnSendingRequest(HttpMessage message)
    {
        Request request = message.Request;
        request.Headers.SetValue("x-ms-date", timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
        string signature = credential.Sign(BuildStringToSign(request, credential.AccountName));
        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{signature}");
    }

    internal static string BuildStringToSign(Request request, string accountName)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        foreach (string header in s_standardHeaders)
        {
            builder.Append(StandardHeader(request, header)).Append('\n');
        }

        IEnumerable<HttpHeader> msHeaders = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .OrderBy(h => h.Name.ToLowerInvariant(), StringComparer.Ordinal);
        foreach (HttpHeader header in msHeaders)
        {
            builder.Append(header.Name.ToLowerInvariant()).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        Uri uri = request.Uri.ToUri();
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var query = HttpUtility.ParseQueryString(uri.Query);
        IEnumerable<string> names = query.AllKeys.Where(k => k is not null).Select(k => k!).OrderBy(k => k.ToLowerInvariant(), StringComparer.Ordinal);
        foreach (string name in names)
        {
            string[] values = query.GetValues(name) ?? [];
            Array.Sort(values, StringComparer.Ordinal);
            builder.Append('\n').Append(name.ToLowerInvariant()).Append(':').Append(string.Join(',', values));
        }

        return builder.ToString();
    }

    private static string StandardHeader(Request request, string name)
    {
        if (name == "Content-Length")
        {
            // Version 2015-02-21 and later: empty when the length is zero.
            return request.Content is not null && request.Content.TryComputeLength(out long length) && length > 0
                ? length.ToString(CultureInfo.InvariantCulture)
                : string.Empty;
        }

        return request.Headers.TryGetValue(name, out string? value) ? value : string.Empty;
    }
}
