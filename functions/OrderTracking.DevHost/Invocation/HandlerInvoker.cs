using System.Text.Json.Nodes;
using OrderTracking.DevHost.Handler;

namespace OrderTracking.DevHost.Invocation;

/// <summary>Sends one envelope to <c>POST /{FunctionName}</c> with the host's headers (reference §2.1) and reads the answer.</summary>
internal sealed class HandlerInvoker(HandlerSupervisor supervisor, HttpClient client)
{
    /// <summary>Reported in <c>X-Azure-Functions-HostVersion</c> and <c>User-Agent</c>.</summary>
    public const string HostVersion = "4.1037.0";

    public async Task<InvocationResult> PostAsync(string functionName, JsonObject envelope, string invocationId, CancellationToken cancellationToken)
    {
        Uri baseAddress = await supervisor.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, Uri.EscapeDataString(functionName)));
        AddHostHeaders(request, invocationId);
        request.Content = new ChunkedJsonContent(envelope);
        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return InvocationResponseParser.Parse(invocationId, (int)response.StatusCode, body);
        }
        catch (HttpRequestException ex)
        {
            return InvocationResponseParser.Failed(invocationId, null, $"transport error: {ex.Message}");
        }
    }

    public static void AddHostHeaders(HttpRequestMessage request, string invocationId)
    {
        request.Headers.Remove("X-Azure-Functions-InvocationId");
        request.Headers.Remove("X-Azure-Functions-HostVersion");
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", invocationId);
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", $"Azure-Functions-Host/{HostVersion}");
    }
}
