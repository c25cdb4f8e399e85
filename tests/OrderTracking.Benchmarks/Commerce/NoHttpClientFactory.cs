namespace OrderTracking.Benchmarks.Commerce;

/// <summary>For parsers whose benchmarked path makes no HTTP call: any call is a benchmark bug.</summary>
internal sealed class NoHttpClientFactory : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => throw new InvalidOperationException("The benchmarked path must not call HTTP.");
}
