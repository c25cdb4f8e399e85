namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>One <c>.eml</c> file of the local outbox, parsed: decoded headers and the two decoded bodies.</summary>
/// <param name="Path">The file.</param>
/// <param name="Headers">Unfolded, RFC 2047-decoded headers.</param>
/// <param name="PlainText">The <c>text/plain</c> part.</param>
/// <param name="Html">The <c>text/html</c> part.</param>
internal sealed record OutboxEmail(string Path, IReadOnlyDictionary<string, string> Headers, string PlainText, string Html)
{
    public string Subject => Headers["Subject"];

    public string To => Headers["To"];
}
