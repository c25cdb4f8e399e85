using System.Globalization;
using System.Text.RegularExpressions;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Core.Tests.Notifications;

public sealed partial class EmailTemplateRendererTests
{
    private const string HostileName = "<script>alert('x')</script> \"Bob\" & <img src=x onerror=alert(1)>\r\nBcc: evil@example.com";

    [Theory]
    [InlineData("es", "es")]
    [InlineData("es-MX", "es")]
    [InlineData("ES_es", "es")]
    [InlineData("es-419", "es")]
    [InlineData("en-US", "en")]
    [InlineData("fr-FR", "en")]
    [InlineData("est", "en")]
    [InlineData("", "en")]
    [InlineData(null, "en")]
    public void LanguageFor_Locale_SpanishForEsOtherwiseEnglish(string? locale, string expected)
    {
        Assert.Equal(expected, EmailTemplateRenderer.LanguageFor(locale));
    }

    [Fact]
    public void Render_HostileCustomerName_IsEncodedInHtmlAndKeptOnOneLineInText()
    {
        NotificationModel model = EmailTemplateSnapshotTests.SampleModel(Milestone.Shipped, "en") with { CustomerName = HostileName };

        RenderedEmail email = EmailTemplateRenderer.Render(model);

        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;Bob&quot; &amp; &lt;img", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", email.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("\nBcc:", email.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileOrderNumber_SubjectIsOneLineAndHtmlTitleEncoded()
    {
        NotificationModel model = EmailTemplateSnapshotTests.SampleModel(Milestone.Delivered, "en") with { OrderNumber = "#1\r\nBcc: x@y.z<b>" };

        RenderedEmail email = EmailTemplateRenderer.Render(model);

        Assert.DoesNotContain('\n', email.Subject);
        Assert.DoesNotContain('\r', email.Subject);
        Assert.Contains("<title>Your order #1  Bcc: x@y.z&lt;b&gt; has been delivered</title>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TrackingLink_InHrefWithVisibleTextAndInPlainText()
    {
        NotificationModel model = EmailTemplateSnapshotTests.SampleModel(Milestone.OutForDelivery, "es");

        RenderedEmail email = EmailTemplateRenderer.Render(model);

        string link = model.TrackingLink.AbsoluteUri;
        Assert.Contains($"<a href=\"{link.Replace("&", "&amp;", StringComparison.Ordinal)}\"", email.Html, StringComparison.Ordinal);
        Assert.Matches(">Sigue tu pedido</a>", email.Html);
        Assert.Contains($"Sigue tu pedido: {link}", email.PlainText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/track")]
    public void Render_NonHttpLink_Throws(string link)
    {
        NotificationModel model = EmailTemplateSnapshotTests.SampleModel(Milestone.Shipped, "en") with { TrackingLink = new Uri(link) };

        Assert.Throws<ArgumentException>(() => EmailTemplateRenderer.Render(model));
    }

    [Theory]
    [InlineData("en", "<html lang=\"en\">")]
    [InlineData("es-MX", "<html lang=\"es\">")]
    public void Render_Html_IsAccessibleAndSelfContained(string locale, string htmlTag)
    {
        foreach (Milestone milestone in Enum.GetValues<Milestone>())
        {
            string html = EmailTemplateRenderer.Render(EmailTemplateSnapshotTests.SampleModel(milestone, locale)).Html;

            Assert.Contains(htmlTag, html, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(html, "<h1[ >]"));
            Assert.DoesNotMatch("<img|<link|<script|<style|src=|url\\(|@import", html);
            Assert.Equal(2, Regex.Count(html, "https?://")); // only the tracking link, as href and as visible text
        }
    }

    [Fact]
    public void Render_EveryTextColour_HasAtLeastAaContrastOnTheWhiteBackground()
    {
        string html = EmailTemplateRenderer.Render(EmailTemplateSnapshotTests.SampleModel(Milestone.Exception, "en")).Html;

        Assert.Contains("background-color:#ffffff", html, StringComparison.Ordinal);
        string[] colours = [.. TextColour().Matches(html).Select(m => m.Groups[1].Value).Distinct()];
        Assert.NotEmpty(colours);
        foreach (string colour in colours)
        {
            double ratio = ContrastRatio(colour, "ffffff");
            Assert.True(ratio >= 4.5, $"#{colour} on white is {ratio:F2}:1");
        }
    }

    [Fact]
    public void Render_EtaOnlyBeforeDelivery_ReasonOnlyForExceptionAndDelay()
    {
        RenderedEmail shipped = EmailTemplateRenderer.Render(EmailTemplateSnapshotTests.SampleModel(Milestone.Shipped, "en") with { StatusReason = "customsHold" });
        RenderedEmail delivered = EmailTemplateRenderer.Render(EmailTemplateSnapshotTests.SampleModel(Milestone.Delivered, "en"));
        RenderedEmail exception = EmailTemplateRenderer.Render(EmailTemplateSnapshotTests.SampleModel(Milestone.Exception, "es") with { StatusReason = "customsHold" });
        RenderedEmail unknownReason = EmailTemplateRenderer.Render(EmailTemplateSnapshotTests.SampleModel(Milestone.Exception, "en") with { StatusReason = "<odd>" });

        Assert.Contains("Estimated delivery: Tuesday, November 24, 2026", shipped.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("customs", shipped.PlainText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Estimated delivery", delivered.PlainText, StringComparison.Ordinal);
        Assert.Contains("Motivo: Retenido en aduana", exception.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("Reason", unknownReason.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("odd", unknownReason.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoCustomerName_GenericGreeting()
    {
        RenderedEmail email = EmailTemplateRenderer.Render(EmailTemplateSnapshotTests.SampleModel(Milestone.Shipped, "es") with { CustomerName = " \t " });

        Assert.StartsWith("Hola:\n", email.PlainText, StringComparison.Ordinal);
    }

    private static double ContrastRatio(string foreground, string background)
    {
        double a = Luminance(foreground);
        double b = Luminance(background);
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    // WCAG 2.x relative luminance.
    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            double c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(2)) + (0.0722 * Channel(4));
    }

    [GeneratedRegex("(?<![-a-z])color:#([0-9a-f]{6})")]
    private static partial Regex TextColour();
}
