namespace OrderTracking.Core.Notifications;

/// <summary>
/// The texts (issue 13): out for delivery, delivered, exception, in English or Spanish by the order's locale. One line,
/// the order number, what happened, and the tracking link; no customer name, no HTML. Pure.
/// </summary>
public static class SmsTemplates
{
    /// <summary>The milestones a customer is texted about; the others are email only.</summary>
    public static IReadOnlyList<Milestone> Milestones { get; } = [Milestone.OutForDelivery, Milestone.Delivered, Milestone.Exception];

    /// <summary>The text for <paramref name="milestone"/>, or null when that milestone is not texted.</summary>
    public static string? Render(Milestone milestone, string? locale, string orderNumber, Uri trackingLink)
    {
        ArgumentNullException.ThrowIfNull(trackingLink);
        string number = EmailTemplateRenderer.Clean(orderNumber);
        bool spanish = EmailTemplateRenderer.LanguageFor(locale) == "es";
        string? text = (milestone, spanish) switch
        {
            (Milestone.OutForDelivery, false) => $"Order {number}: your package is out for delivery today.",
            (Milestone.OutForDelivery, true) => $"Pedido {number}: tu paquete está en reparto hoy.",
            (Milestone.Delivered, false) => $"Order {number}: your package was delivered.",
            (Milestone.Delivered, true) => $"Pedido {number}: tu paquete ha sido entregado.",
            (Milestone.Exception, false) => $"Order {number}: there is a problem with your delivery. See what happens next:",
            (Milestone.Exception, true) => $"Pedido {number}: hay una incidencia con tu entrega. Qué pasa ahora:",
            _ => null,
        };
        return text is null ? null : $"{text} {trackingLink.AbsoluteUri}";
    }
}
