namespace OrderTracking.Benchmarks.Storage;

/// <summary>Counts the HTTP requests a storage client sends: one per storage operation (a batch transaction is one).</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    public int Requests;

    public CountingHandler() : base(new HttpClientHandler()) { }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Requests);
        return base.SendAsync(request, cancellationToken);
    }
}
