using System.Text;

namespace OrderTracking.Core.Notifications;

/// <summary>The HTML body: a complete document with inline styles only (see <see cref="EmailTemplateRenderer"/> remarks).</summary>
internal static class HtmlTemplate
{
    private const string TextColor = "#1f1f1f";
    private const string LinkColor = "#0b57d0";
    private const string MutedColor = "#4d4d4d";
    private const string Paragraph = "<p style=\"margin:0 0 16px;\">";

    public static string Render(TemplateTexts texts, MilestoneText milestone, TemplateValues values, string subject)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(texts.Language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:0;background-color:#ffffff;color:").Append(TextColor)
            .Append(";font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;\">\n")
            .Append("<main style=\"max-width:600px;margin:0 auto;padding:24px;\">\n")
            .Append("<h1 style=\"margin:0 0 16px;font-size:24px;line-height:1.25;color:").Append(TextColor).Append(";\">")
            .Append(Encode(milestone.Headline)).Append("</h1>\n");
        string greeting = values.CustomerName is null
            ? Encode(texts.GreetingWithoutName)
            : EmailTemplateRenderer.Format(Encode(texts.GreetingWithName), Encode(values.CustomerName));
        html.Append(Paragraph).Append(greeting).Append("</p>\n");
        html.Append(Paragraph)
            .Append(EmailTemplateRenderer.Format(Encode(milestone.Body), Encode(values.OrderNumber), Encode(values.Carrier)))
            .Append("</p>\n");
        foreach (string sentence in PlainTextTemplate.DelaySentences(texts, values))
        {
            html.Append(Paragraph).Append(Encode(sentence)).Append("</p>\n");
        }

        if (milestone.Advice is not null)
        {
            html.Append(Paragraph).Append(Encode(milestone.Advice)).Append("</p>\n");
        }

        AppendDetails(html, texts, values);
        string link = Encode(values.Link);
        html.Append("<p style=\"margin:0 0 16px;\"><a href=\"").Append(link).Append("\" style=\"color:").Append(LinkColor)
            .Append(";font-weight:bold;text-decoration:underline;\">").Append(Encode(texts.LinkText)).Append("</a></p>\n")
            .Append("<p style=\"margin:0 0 24px;font-size:14px;color:").Append(MutedColor).Append(";word-break:break-all;\">")
            .Append(Encode(texts.LinkFallback)).Append("<br>").Append(link).Append("</p>\n")
            .Append("<p style=\"margin:0;font-size:14px;color:").Append(MutedColor).Append(";\">")
            .Append(Encode(texts.Footer)).Append("</p>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>HTML-encodes text for element content and double-quoted attributes (&amp; &lt; &gt; &quot; &#39;).</summary>
    internal static string Encode(string value)
    {
        var encoded = new StringBuilder(value.Length + 16);
        foreach (char c in value)
        {
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return encoded.ToString();
    }

    private static void AppendDetails(StringBuilder html, TemplateTexts texts, TemplateValues values)
    {
        html.Append("<h2 style=\"margin:24px 0 8px;font-size:18px;color:").Append(TextColor).Append(";\">")
            .Append(Encode(texts.DetailsHeading)).Append("</h2>\n<dl style=\"margin:0 0 24px;\">\n");
        AppendItem(html, texts.OrderLabel, values.OrderNumber);
        if (values.TrackingNumber.Length > 0)
        {
            AppendItem(html, texts.CarrierLabel, values.Carrier);
            AppendItem(html, texts.TrackingNumberLabel, values.TrackingNumber);
        }
        if (values.Eta is not null)
        {
            AppendItem(html, values.Delayed ? texts.NewEtaLabel : texts.EtaLabel, values.Eta);
        }

        if (values.Reason is not null)
        {
            AppendItem(html, texts.ReasonLabel, values.Reason);
        }

        html.Append("</dl>\n");
    }

    private static void AppendItem(StringBuilder html, string label, string value) =>
        html.Append("<dt style=\"font-weight:bold;\">").Append(Encode(label)).Append("</dt>\n<dd style=\"margin:0 0 8px;\">")
            .Append(Encode(value)).Append("</dd>\n");
}
