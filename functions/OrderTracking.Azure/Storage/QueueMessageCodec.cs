using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// Queue REST XML bodies and the Base64(UTF-8) message encoding the Functions host expects
/// (<c>host.json</c> <c>extensions.queues.messageEncoding: base64</c>, the default).
/// https://learn.microsoft.com/rest/api/storageservices/get-messages#response-body
/// </summary>
internal static class QueueMessageCodec
{
    // Put Message: the XML-escaped message may be up to 64 KiB.
    public const int MaxEncodedLength = 64 * 1024;

    public static byte[] SendBody(string messageText)
    {
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(messageText));
        if (encoded.Length > MaxEncodedLength)
        {
            throw new ArgumentException(
                $"The message is {encoded.Length} characters after Base64 encoding; the Queue service accepts at most {MaxEncodedLength}.",
                nameof(messageText));
        }

        return Encoding.UTF8.GetBytes(new XElement("QueueMessage", new XElement("MessageText", encoded)).ToString(SaveOptions.DisableFormatting));
    }

    public static string Decode(string wireText)
    {
        // Messages written by other tools may be plain text; those are returned as they are.
        Span<byte> buffer = wireText.Length <= 4096 ? stackalloc byte[wireText.Length] : new byte[wireText.Length];
        return Convert.TryFromBase64String(wireText, buffer, out int written)
            ? Encoding.UTF8.GetString(buffer[..written])
            : wireText;
    }

    public static IEnumerable<XElement> Messages(string xml) =>
        XDocument.Parse(xml).Root?.Elements("QueueMessage") ?? [];

    public static string Text(XElement message, string name) => message.Element(name)?.Value ?? string.Empty;

    public static DateTimeOffset? Time(XElement message, string name) =>
        message.Element(name)?.Value is { Length: > 0 } value ? ParseTime(value) : null;

    public static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time) ? time : null;

    public static long DequeueCount(XElement message) =>
        long.TryParse(message.Element("DequeueCount")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long count) ? count : 0;
}
