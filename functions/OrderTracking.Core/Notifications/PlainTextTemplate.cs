using System.Text;

namespace OrderTracking.Core.Notifications;

/// <summary>The plain-text body. Lines end with LF; senders convert to CRLF where the wire needs it.</summary>
internal static class PlainTextTemplate
{
    public static string Render(TemplateTexts texts, MilestoneText milestone, TemplateValues values)
    {
        var text = new StringBuilder();
        text.Append(values.CustomerName is null
            ? texts.GreetingWithoutName
            : EmailTemplateRenderer.Format(texts.GreetingWithName, values.CustomerName)).Append("\n\n");
        text.Append(EmailTemplateRenderer.Format(milestone.Body, values.OrderNumber, values.Carrier)).Append('\n');
        foreach (string sentence in DelaySentences(texts, values))
        {
            text.Append(sentence).Append('\n');
        }

        if (values.Reason is not null && !values.Delayed)
        {
            text.Append(texts.ReasonLabel).Append(": ").Append(values.Reason).Append('\n');
        }

        if (milestone.Advice is not null)
        {
            text.Append(milestone.Advice).Append('\n');
        }

        text.Append('\n').Append(texts.DetailsHeading).Append('\n');
        text.Append(texts.OrderLabel).Append(": ").Append(values.OrderNumber).Append('\n');
        if (values.TrackingNumber.Length > 0)
        {
            text.Append(texts.CarrierLabel).Append(": ").Append(values.Carrier).Append('\n');
            text.Append(texts.TrackingNumberLabel).Append(": ").Append(values.TrackingNumber).Append('\n');
        }
        if (values.Eta is not null)
        {
            text.Append(values.Delayed ? texts.NewEtaLabel : texts.EtaLabel).Append(": ").Append(values.Eta).Append('\n');
        }

        text.Append('\n').Append(texts.LinkText).Append(": ").Append(values.Link).Append("\n\n");
        text.Append("-- \n").Append(texts.Footer).Append('\n');
        return text.ToString();
    }

    /// <summary>A delayed email says, in sentences, the carrier's new expected date (when it gave one) and its reason.</summary>
    internal static IEnumerable<string> DelaySentences(TemplateTexts texts, TemplateValues values)
    {
        if (!values.Delayed)
        {
            yield break;
        }

        if (values.Eta is not null)
        {
            yield return EmailTemplateRenderer.Format(texts.DelayedNewEta, values.Carrier, values.Eta);
        }

        if (values.Reason is not null)
        {
            yield return EmailTemplateRenderer.Format(texts.DelayedReason, values.Carrier, values.Reason.ToLowerInvariant());
        }
    }
}
