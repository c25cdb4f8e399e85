using System.Text;

namespace OrderTracking.Azure.Email;

/// <summary>MIME encoders: quoted-printable bodies (RFC 2045 §6.7) and encoded-word headers (RFC 2047).</summary>
internal static class MimeEncoding
{
    private const int MaxQuotedPrintableLine = 76;
    private const int MaxEncodedWordBytes = 45; // 60 base64 chars + "=?utf-8?B?" + "?=" = 72 <= 75 (RFC 2047 §2)
    private const string Hex = "0123456789ABCDEF";

    public static bool IsPrintableAscii(string value) => value.All(c => c is >= ' ' and <= '~');

    /// <summary>Control characters (CR, LF, …) become spaces: a header value can never start a new header.</summary>
    public static string SingleLine(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();

    /// <summary>Header text: kept as is when short printable ASCII, otherwise folded UTF-8 encoded-words.</summary>
    public static string EncodeHeaderText(string value, int prefixLength)
    {
        string line = SingleLine(value);
        return IsPrintableAscii(line) && prefixLength + line.Length <= 78 ? line : EncodeWords(line, prefixLength);
    }

    /// <summary>RFC 2047 "B" encoded-words of whole characters, folded onto continuation lines.</summary>
    public static string EncodeWords(string value, int prefixLength)
    {
        // The first word shares its line with "Name: "; keep every line within 78 characters (RFC 5322 §2.1.1).
        int limit = Math.Clamp((76 - prefixLength - 12) / 4 * 3, 3, MaxEncodedWordBytes);
        var words = new List<string>();
        var chunk = new List<byte>(MaxEncodedWordBytes);
        Span<byte> buffer = stackalloc byte[4];
        foreach (Rune rune in value.EnumerateRunes())
        {
            int length = rune.EncodeToUtf8(buffer);
            if (chunk.Count + length > limit && chunk.Count > 0)
            {
                words.Add(Word(chunk));
                chunk.Clear();
                limit = MaxEncodedWordBytes;
            }

            chunk.AddRange(buffer[..length]);
        }

        if (chunk.Count > 0 || words.Count == 0)
        {
            words.Add(Word(chunk));
        }

        return string.Join("\r\n ", words);
    }

    /// <summary>Quoted-printable of the UTF-8 text; LF or CRLF line ends become CRLF hard breaks.</summary>
    public static string QuotedPrintable(string text)
    {
        var output = new StringBuilder(text.Length + (text.Length / 8));
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                output.Append("\r\n");
            }

            EncodeLine(output, Encoding.UTF8.GetBytes(lines[i]));
        }

        return output.ToString();
    }

    private static string Word(List<byte> bytes) => "=?utf-8?B?" + Convert.ToBase64String([.. bytes]) + "?=";

    private static void EncodeLine(StringBuilder output, byte[] bytes)
    {
        int lineLength = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            bool last = i == bytes.Length - 1;
            bool literal = (b is >= 33 and <= 126 && b != (byte)'=') || (b is (byte)' ' or (byte)'\t' && !last);
            int width = literal ? 1 : 3;

            // Leave room for the soft break "=" (and, before the final byte, do not strand it past the limit).
            if (lineLength + width > MaxQuotedPrintableLine - 1 && !(last && lineLength + width <= MaxQuotedPrintableLine))
            {
                output.Append("=\r\n");
                lineLength = 0;
            }

            if (literal)
            {
                output.Append((char)b);
            }
            else
            {
                output.Append('=').Append(Hex[b >> 4]).Append(Hex[b & 0x0F]);
            }

            lineLength += width;
        }
    }
}
