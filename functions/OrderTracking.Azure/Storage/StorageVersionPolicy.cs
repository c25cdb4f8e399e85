using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderTracking.Azure.Storage;

/// <summary>Stamps <c>x-ms-version</c> on every request (per call, before signing).</summary>
internal sealed class StorageVersionPolicy(string version) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue("x-ms-version", version);
}
