using OrderTracking.Testing.Email;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>
/// Reads the local outbox (<c>Email:OutboxDirectory</c>) with the shared test MIME reader (<see cref="EmlReader"/>),
/// which is independent of the production writer.
/// </summary>
internal static class OutboxReader
{
    /// <summary>Every finished email whose <c>To</c> header contains <paramref name="recipient"/>.</summary>
    public static IReadOnlyList<OutboxEmail> For(string directory, string recipient) =>
        [.. All(directory).Where(e => e.To.Contains(recipient, StringComparison.OrdinalIgnoreCase))];

    public static IReadOnlyList<OutboxEmail> All(string directory) =>
        !Directory.Exists(directory)
            ? []
            : [.. Directory.EnumerateFiles(directory, "*.eml").Order(StringComparer.Ordinal).Select(p => Parse(p, File.ReadAllBytes(p)))];

    /// <summary>Files that are not finished emails (a leftover temporary file would be one).</summary>
    public static IReadOnlyList<string> Leftovers(string directory) =>
        !Directory.Exists(directory) ? [] : [.. Directory.EnumerateFiles(directory).Where(p => !p.EndsWith(".eml", StringComparison.Ordinal))];

    public static OutboxEmail Parse(string path, byte[] bytes)
    {
        ParsedEml eml = EmlReader.Parse(bytes);
        return new OutboxEmail(path, eml.Headers, eml.Body("text/plain"), eml.Body("text/html"));
    }
}
