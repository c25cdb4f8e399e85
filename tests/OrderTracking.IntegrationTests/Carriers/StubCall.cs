namespace OrderTracking.IntegrationTests.Carriers;

/// <summary>One request the stub carrier received, and the status it answered.</summary>
internal sealed record StubCall(
    string Carrier, bool IsToken, string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers,
    string Body, IReadOnlyList<string> Numbers, DateTimeOffset ReceivedAt, int Status)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
