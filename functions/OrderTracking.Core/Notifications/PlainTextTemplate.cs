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
        if (values.Reason is not null)
        {
            text.Append(texts.ReasonLabel).Append(": ").Append(values.Reason).Append('\n');
        }

        if (milestone.Advice is not null)
        {
            text.Append(milestone.Advice).Append('\n');
        }

        text.Append('\n').Append(texts.DetailsHeading).Append('\n');
        text.Append(texts.OrderLabel).Append(": ").Append(values.OrderNumber).Append('\n');
        text.Append(texts.CarrierLabel).Append(": ").Append(values.Carrier).Append('\n');
        text.Append(texts.TrackingNumberLabel).Append(": ").Append(values.TrackingNumber).Append('\n');
        if (values.Eta is not null)
        {
            text.Append(texts.EtaLabel).Append(": ").Append(values.Eta).Append('\n');
        }

        text.Append('\n').Append(texts.LinkText).Append(": ").Append(values.Link).Append("\n\n");
        text.Append("-- \n").Append(texts.Footer).Append('\n');
        return text.ToString();
    }
}
