using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace OrderTracking.Testing.Email;

/// <summary>
/// A minimal MIME reader written from RFC 5322 / 2045 / 2046 / 2047 for tests, independent of the production writer.
/// It asserts what a well-formed message must be: CRLF line ends only, no repeated header.
/// </summary>
public static partial class EmlReader
{
    public static ParsedEml Parse(byte[] bytes)
    {
        string text = Encoding.ASCII.GetString(bytes);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal); // CRLF only
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Dictionary<string, string> headers = ParseHeaders(text[..split]);
        string boundary = BoundaryParameter().Match(headers["Content-Type"]).Groups[1].Value;
        string body = text[(split + 4)..];
        var parts = new List<ParsedPart>();
        foreach (string chunk in body.Split("--" + boundary, StringSplitOptions.None).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            int partSplit = chunk.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            Dictionary<string, string> partHeaders = ParseHeaders(chunk[2..partSplit]);
            string encoded = chunk[(partSplit + 4)..];
            encoded = encoded.EndsWith("\r\n", StringComparison.Ordinal) ? encoded[..^2] : encoded;
            string transfer = partHeaders["Content-Transfer-Encoding"];
            parts.Add(new ParsedPart(
                partHeaders["Content-Type"], transfer,
                DecodeBody(transfer, encoded)));
        }

        return new ParsedEml(headers, parts, text.Split("\r\n"));
    }

    private static Dictionary<string, string> ParseHeaders(string block)
    {
        string unfolded = block.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in unfolded.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(headers.TryAdd(line[..colon], DecodeWords(line[(colon + 1)..].Trim())), $"duplicate header {line[..colon]}");
        }

        return headers;
    }

    private static string DecodeWords(string value)
    {
        // Whitespace between adjacent encoded-words is not displayed (RFC 2047 §6.2).
        string joined = AdjacentWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, m =>
        {
            Assert.Equal("utf-8", m.Groups[1].Value, ignoreCase: true);
            return m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[3].Value))
                : DecodeQuotedPrintable(m.Groups[3].Value.Replace('_', ' '));
        });
    }

    private static string DecodeBody(string transferEncoding, string encoded) => transferEncoding.ToLowerInvariant() switch
    {
        "quoted-printable" => DecodeQuotedPrintable(encoded),
        "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Replace("\r\n", string.Empty, StringComparison.Ordinal))),
        _ => encoded,
    };

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
    private static partial Regex BoundaryParameter();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentWords();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
