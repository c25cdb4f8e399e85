using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Notifications;

/// <summary>The model's values, cleaned to single lines and resolved to display text (not yet HTML-encoded).</summary>
internal sealed record TemplateValues(
    string OrderNumber, string? CustomerName, string Carrier, string TrackingNumber, string? Eta, string? Reason, string Link, bool Delayed = false)
{
    public static TemplateValues From(NotificationModel model, TemplateTexts texts)
    {
        string name = EmailTemplateRenderer.Clean(model.CustomerName);
        string? eta = model.Eta is { } value && model.Milestone != Milestone.Delivered
            ? texts.FormatDate(DateOnly.FromDateTime(value.DateTime))
            : null;
        string? reason = model.Milestone is Milestone.Exception or Milestone.Delayed &&
            model.StatusReason is { } code && texts.Reasons.TryGetValue(code, out string? text)
            ? text
            : null;
        return new TemplateValues(
            EmailTemplateRenderer.Clean(model.OrderNumber),
            name.Length == 0 ? null : name,
            CarrierName(EmailTemplateRenderer.Clean(model.Carrier)),
            EmailTemplateRenderer.Clean(model.TrackingNumber),
            eta,
            reason,
            model.TrackingLink.AbsoluteUri,
            model.Milestone == Milestone.Delayed);
    }

    private static string CarrierName(string carrier) => carrier switch
    {
        CarrierCodes.Ups => "UPS",
        CarrierCodes.FedEx => "FedEx",
        CarrierCodes.Usps => "USPS",
        CarrierCodes.Dhl => "DHL",
        CarrierCodes.Sandbox => "Sandbox Carrier",
        _ => carrier,
    };
}
