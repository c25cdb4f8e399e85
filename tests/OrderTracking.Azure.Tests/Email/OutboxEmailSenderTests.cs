using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.Azure.Email;
using OrderTracking.Core.Notifications;
using OrderTracking.Testing;

using OrderTracking.Testing.Email;

namespace OrderTracking.Azure.Tests.Email;

public sealed class OutboxEmailSenderTests : IDisposable
{
    private const string SpanishText = "Hola, José Álvarez:\n\nBuenas noticias: UPS ha recogido tu pedido #1001 y ya está en camino. ¡Gracias! 📦\n";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ot-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new();

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task SendAsync_SpanishEmail_WritesEmlThatParsesBackWithBothParts()
    {
        var message = new EmailMessage("ana@example.com", "José Álvarez", "Tu pedido #1001 ha sido enviado — ¡en camino!",
            "<!DOCTYPE html>\n<html lang=\"es\"><body><p>Hola, José Álvarez:</p></body></html>\n", SpanishText);

        EmailSendResult result = await CreateSender().SendAsync(message, "shopify:1|ups|1Z9|shipped", CancellationToken.None);

        string expectedId = DeterministicGuid.Create("shopify:1|ups|1Z9|shipped").ToString("D");
        Assert.Equal(Path.Combine(_directory, expectedId + ".eml"), result.ProviderMessageId);
        ParsedEml eml = EmlReader.Parse(await File.ReadAllBytesAsync(result.ProviderMessageId));
        Assert.Equal("DoNotReply@localhost", eml.Headers["From"]);
        Assert.Equal("José Álvarez <ana@example.com>", eml.Headers["To"]);
        Assert.Equal("Tu pedido #1001 ha sido enviado — ¡en camino!", eml.Headers["Subject"]);
        Assert.Equal("Sun, 22 Nov 2026 06:00:00 +0000", eml.Headers["Date"]);
        Assert.Equal($"<{expectedId}@localhost>", eml.Headers["Message-ID"]);
        Assert.Equal("1.0", eml.Headers["MIME-Version"]);
        Assert.StartsWith("multipart/alternative;", eml.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(2, eml.Parts.Count);
        Assert.Equal("text/plain; charset=utf-8", eml.Parts[0].ContentType);
        Assert.Equal("text/html; charset=utf-8", eml.Parts[1].ContentType);
        Assert.All(eml.Parts, p => Assert.Equal("quoted-printable", p.TransferEncoding));
        Assert.Equal(SpanishText.Replace("\n", "\r\n", StringComparison.Ordinal), eml.Parts[0].Body);
        Assert.Equal(message.Html.Replace("\n", "\r\n", StringComparison.Ordinal), eml.Parts[1].Body);
    }

    [Fact]
    public async Task SendAsync_SameOperationIdTwice_OneFileWithTheLatestContentAndNoTemporaries()
    {
        OutboxEmailSender sender = CreateSender();
        var message = new EmailMessage("ana@example.com", null, "Shipped", "<p>one</p>", "one");

        await sender.SendAsync(message, "op-1", CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await sender.SendAsync(message with { PlainText = "two" }, "op-1", CancellationToken.None);

        string file = Assert.Single(Directory.GetFiles(_directory));
        ParsedEml eml = EmlReader.Parse(await File.ReadAllBytesAsync(file));
        Assert.Equal("two", eml.Parts[0].Body);
        Assert.Equal("Sun, 22 Nov 2026 06:05:00 +0000", eml.Headers["Date"]);
    }

    [Fact]
    public async Task SendAsync_WithAnUnsubscribeUrl_WritesListUnsubscribeAndOneClickHeaders()
    {
        var message = new EmailMessage("ana@example.com", null, "Shipped", "<p>one</p>", "one", new Uri("https://ot.example.com/api/unsubscribe?orderKey=api%3A1&token=9.x"));

        EmailSendResult result = await CreateSender().SendAsync(message, "op-unsub", CancellationToken.None);

        string eml = await File.ReadAllTextAsync(result.ProviderMessageId!);
        string headers = eml[..eml.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.Contains("\r\nList-Unsubscribe: <https://ot.example.com/api/unsubscribe?orderKey=api%3A1&token=9.x>\r\n", headers + "\r\n", StringComparison.Ordinal);
        Assert.Contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click", headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_DifferentOperationIds_OneFileEach()
    {
        OutboxEmailSender sender = CreateSender();
        var message = new EmailMessage("ana@example.com", null, "Shipped", "<p>x</p>", "x");

        await sender.SendAsync(message, "op-1", CancellationToken.None);
        await sender.SendAsync(message, "op-2", CancellationToken.None);
        await sender.SendAsync(message, "op-1", CancellationToken.None);

        Assert.Equal(2, Directory.GetFiles(_directory, "*.eml").Length);
        Assert.Equal(2, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public async Task SendAsync_HostileNameAndSubject_CannotInjectHeaders()
    {
        var message = new EmailMessage("ana@example.com", "Eve\r\nBcc: victim@example.com", "Hi\r\nBcc: victim@example.com", "<p>x</p>", "x");

        EmailSendResult result = await CreateSender().SendAsync(message, "op-evil", CancellationToken.None);

        ParsedEml eml = EmlReader.Parse(await File.ReadAllBytesAsync(result.ProviderMessageId));
        Assert.False(eml.Headers.ContainsKey("Bcc"));
        Assert.Equal("Eve  Bcc: victim@example.com <ana@example.com>", eml.Headers["To"].Replace("\"", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_LongLinesAndLongSubject_RespectLineLimits()
    {
        string longSubject = string.Concat(Enumerable.Repeat("Actualización de tu envío ", 8)).Trim();
        string longBody = string.Concat(Enumerable.Repeat("ñandú = ok ", 40)) + "trailing space ";
        var message = new EmailMessage("ana@example.com", null, longSubject, longBody, longBody);

        EmailSendResult result = await CreateSender().SendAsync(message, "op-long", CancellationToken.None);

        ParsedEml eml = EmlReader.Parse(await File.ReadAllBytesAsync(result.ProviderMessageId));
        Assert.All(eml.RawLines, line => Assert.True(line.Length <= 78, $"{line.Length}: {line}"));
        Assert.Equal(longSubject, eml.Headers["Subject"]);
        Assert.Equal(longBody, eml.Parts[0].Body);
        Assert.DoesNotContain(eml.RawLines, line => line.EndsWith(' '));
    }

    [Fact]
    public async Task SendAsync_InvalidRecipient_ThrowsAndWritesNothing()
    {
        var message = new EmailMessage("not an address", null, "x", "x", "x");

        await Assert.ThrowsAsync<ArgumentException>(() => CreateSender().SendAsync(message, "op", CancellationToken.None));

        Assert.False(Directory.Exists(_directory) && Directory.EnumerateFileSystemEntries(_directory).Any());
    }

    private OutboxEmailSender CreateSender() =>
        new(new EmailOptions { OutboxDirectory = _directory }, _clock, NullLogger<OutboxEmailSender>.Instance);
}
