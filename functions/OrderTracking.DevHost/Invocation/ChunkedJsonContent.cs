using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Invocation;

/// <summary>
/// The envelope as the host writes it: <c>application/json; charset=utf-8</c> with no Content-Length, so it goes chunked
/// like the host's <c>ObjectContent</c> (reference §2.1).
/// </summary>
internal sealed class ChunkedJsonContent : HttpContent
{
    private readonly JsonNode _body;

    public ChunkedJsonContent(JsonNode body)
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await JsonSerializer.SerializeAsync(stream, _body, EnvelopeEncoder.WireOptions).ConfigureAwait(false);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
