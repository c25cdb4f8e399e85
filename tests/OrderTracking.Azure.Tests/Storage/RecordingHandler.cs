using System.Net;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace OrderTracking.Azure.Tests.Storage;

/// <summary>A stub transport: records every request and answers with <see cref="Respond"/> (default 500).</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    public List<RecordedRequest> Requests { get; } = [];

    public Func<int, HttpRequestMessage, HttpResponseMessage> Respond { get; set; } =
        (_, _) => new HttpResponseMessage(HttpStatusCode.InternalServerError);

    public TableClientOptions TableOptions() => Configure(new TableClientOptions());

    public QueueClientOptions QueueOptions() => Configure(new QueueClientOptions());

    private T Configure<T>(T options)
        where T : global::Azure.Core.ClientOptions
    {
        options.Transport = new HttpClientTransport(new HttpClient(this));
        options.Retry.MaxRetries = 0;
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
