using System.Net;
using Azure.Core.Pipeline;
using OrderTracking.Azure.Storage;

namespace OrderTracking.Azure.Tests.Storage;

/// <summary>A stub transport: records every request and answers with <see cref="Respond"/> (default 500).</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    public List<RecordedRequest> Requests { get; } = [];

    public Func<int, HttpRequestMessage, HttpResponseMessage> Respond { get; set; } =
        (_, _) => new HttpResponseMessage(HttpStatusCode.InternalServerError);

    public StorageClientOptions Options(TimeProvider? time = null, int maxRetries = 0)
    {
        var options = new StorageClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(this)),
            TimeProvider = time ?? TimeProvider.System,
        };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(1);
        return options;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body));
        return Respond(Requests.Count, request);
    }
}

internal sealed record RecordedRequest(string Method, Uri Uri, Dictionary<string, string> Headers, string Body);
