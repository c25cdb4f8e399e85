using System.Globalization;
using System.Text;

namespace OrderTracking.Core.Notifications;

/// <summary>
/// Renders milestone emails (DESIGN §8): subject, accessible HTML and plain text, in English or Spanish. Pure.
/// </summary>
/// <remarks>
/// Accessibility: <c>&lt;html lang&gt;</c>, one <c>h1</c> and an <c>h2</c> over a definition list, no images, no external
/// resources (inline styles only), a descriptive link text plus the address itself. Colours on white
/// <c>#ffffff</c>: text <c>#1f1f1f</c> (16.5:1), link <c>#0b57d0</c> (6.4:1), footer <c>#4d4d4d</c> (8.4:1), all above
/// WCAG AA 4.5:1. Every value is HTML-encoded (the customer name is untrusted) and stripped of control characters.
/// </remarks>
public static class EmailTemplateRenderer
{
    /// <summary>Renders <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The tracking link is not an absolute http(s) URL.</exception>
    public static RenderedEmail Render(NotificationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.TrackingLink);
        if (!model.TrackingLink.IsAbsoluteUri || model.TrackingLink.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException("The tracking link must be an absolute http(s) URL.", nameof(model));
        }

        TemplateTexts texts = TextsFor(model.Locale);
        MilestoneText milestone = texts.Milestones[model.Milestone];
        TemplateValues values = TemplateValues.From(model, texts);
        string subject = Format(milestone.Subject, values.OrderNumber, values.Carrier);
        return new RenderedEmail(
            subject,
            HtmlTemplate.Render(texts, milestone, values, subject),
            PlainTextTemplate.Render(texts, milestone, values),
            texts.Language);
    }

    /// <summary>The template language for a locale: <c>es</c> for <c>es</c>, <c>es-MX</c>, <c>es_419</c>…; otherwise <c>en</c>.</summary>
    public static string LanguageFor(string? locale) => TextsFor(locale).Language;

    internal static TemplateTexts TextsFor(string? locale)
    {
        if (locale is { Length: >= 2 } &&
            locale.StartsWith("es", StringComparison.OrdinalIgnoreCase) &&
            (locale.Length == 2 || locale[2] is '-' or '_'))
        {
            return SpanishTemplateTexts.Instance;
        }

        return EnglishTemplateTexts.Instance;
    }

    internal static string Format(string format, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>Replaces control characters (CR, LF, tabs…) with spaces and trims: one clean line of text.</summary>
    internal static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
