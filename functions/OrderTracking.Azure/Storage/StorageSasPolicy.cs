using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderTracking.Azure.Storage;

/// <summary>Appends a shared access signature to the query of every request (per call, so retries don't repeat it).</summary>
internal sealed class StorageSasPolicy(string sas) : HttpPipelineSynchronousPolicy
{
    private readonly string _sas = sas.TrimStart('?');

    public override void OnSendingRequest(HttpMessage message)
    {
        RequestUriBuilder uri = message.Request.Uri;
        string query = uri.Query;
        uri.Query = string.IsNullOrEmpty(query) || query == "?" ? "?" + _sas : query + "&" + _sas;
    }
}
