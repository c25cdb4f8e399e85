using System.Text;
using System.Text.RegularExpressions;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>
/// Reads the local outbox (<c>Email:OutboxDirectory</c>) with a small MIME reader written from RFC 5322 / 2045 / 2047,
/// independent of the production writer.
/// </summary>
internal static partial class OutboxReader
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
        string text = Encoding.ASCII.GetString(bytes);
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Dictionary<string, string> headers = ParseHeaders(text[..split]);
        string boundary = Boundary().Match(headers["Content-Type"]).Groups[1].Value;
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string chunk in text[(split + 4)..].Split("--" + boundary, StringSplitOptions.None).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            int partSplit = chunk.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            Dictionary<string, string> partHeaders = ParseHeaders(chunk[2..partSplit]);
            string mediaType = partHeaders["Content-Type"].Split(';')[0].Trim();
            string body = chunk[(partSplit + 4)..];
            body = body.EndsWith("\r\n", StringComparison.Ordinal) ? body[..^2] : body;
            parts[mediaType] = partHeaders["Content-Transfer-Encoding"].Equals("quoted-printable", StringComparison.OrdinalIgnoreCase)
                ? DecodeQuotedPrintable(body)
                : body;
        }

        return new OutboxEmail(path, headers, parts["text/plain"], parts["text/html"]);
    }

    private static Dictionary<string, string> ParseHeaders(string block)
    {
        string unfolded = block.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in unfolded.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = DecodeWords(line[(colon + 1)..].Trim());
        }

        return headers;
    }

    private static string DecodeWords(string value) =>
        EncodedWord().Replace(AdjacentWords().Replace(value, "?==?"), m =>
        {
            string word = m.Groups[3].Value;
            return m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(word))
                : DecodeQuotedPrintable(word.Replace('_', ' '));
        });

    private static string DecodeQuotedPrintable(string encoded)
    {
        var bytes = new List<byte>();
        string soft = encoded.Replace("=\r\n", string.Empty, StringComparison.Ordinal);
        for (int i = 0; i < soft.Length; i++)
        {
            if (soft[i] == '=' && i + 2 < soft.Length && Uri.IsHexDigit(soft[i + 1]) && Uri.IsHexDigit(soft[i + 2]))
            {
                bytes.Add(Convert.ToByte(soft.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)soft[i]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    [GeneratedRegex("boundary=\"?([^\";]+)\"?")]
    private static partial Regex Boundary();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentWords();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
