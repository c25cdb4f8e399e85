using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Azure.Email;

/// <summary>
/// Builds an RFC 5322 message: <c>multipart/alternative</c> (RFC 2046 §5.1.4: plain text first, HTML last), UTF-8
/// parts in quoted-printable (RFC 2045 §6.7), RFC 2047 encoded-words for non-ASCII headers, CRLF line ends.
/// </summary>
internal static class EmlWriter
{
    public static byte[] Write(EmailMessage message, string sender, Guid operationId, DateTimeOffset date)
    {
        if (!MailAddress.TryCreate(message.To, out MailAddress? to))
        {
            throw new ArgumentException("The recipient is not a valid email address.", nameof(message));
        }

        if (!MailAddress.TryCreate(sender, out MailAddress? from))
        {
            throw new ArgumentException("Email:Sender is not a valid email address.", nameof(sender));
        }

        string id = operationId.ToString("D");
        string boundary = "=_ot_" + Convert.ToHexStringLower(SHA256.HashData(operationId.ToByteArray()), 0, 12);
        var eml = new StringBuilder();
        Header(eml, "Date", date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(eml, "From", from.Address);
        Header(eml, "To", Mailbox(message.ToName, to.Address));
        Header(eml, "Subject", MimeEncoding.EncodeHeaderText(message.Subject, "Subject: ".Length));
        Header(eml, "Message-ID", $"<{id}@{from.Host}>");
        Header(eml, "MIME-Version", "1.0");
        Header(eml, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        Header(eml, "X-OrderTracking-Operation-Id", id);
        foreach ((string name, string value) in message.ListHeaders)
        {
            Header(eml, name, value);
        }

        eml.Append("\r\n");
        Part(eml, boundary, "text/plain", message.PlainText);
        Part(eml, boundary, "text/html", message.Html);
        eml.Append("--").Append(boundary).Append("--\r\n");
        return Encoding.ASCII.GetBytes(eml.ToString());
    }

    private static void Header(StringBuilder eml, string name, string value) =>
        eml.Append(name).Append(": ").Append(value).Append("\r\n");

    private static string Mailbox(string? displayName, string address)
    {
        string name = MimeEncoding.SingleLine(displayName);
        if (name.Length == 0)
        {
            return address;
        }

        return MimeEncoding.IsPrintableAscii(name)
            ? $"\"{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\" <{address}>"
            : $"{MimeEncoding.EncodeWords(name, "To: ".Length)} <{address}>";
    }

    private static void Part(StringBuilder eml, string boundary, string mediaType, string body)
    {
        eml.Append("--").Append(boundary).Append("\r\n");
        Header(eml, "Content-Type", $"{mediaType}; charset=utf-8");
        Header(eml, "Content-Transfer-Encoding", "quoted-printable");
        eml.Append("\r\n").Append(MimeEncoding.QuotedPrintable(body)).Append("\r\n");
    }
}
