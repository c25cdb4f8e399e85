using System.Globalization;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Notifications;

/// <summary>English wording (the fallback language).</summary>
internal static class EnglishTemplateTexts
{
    private static readonly string[] s_days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] s_months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static TemplateTexts Instance { get; } = new()
    {
        Language = "en",
        Milestones = new Dictionary<Milestone, MilestoneText>
        {
            [Milestone.Shipped] = new("Your order {0} has shipped", "Your order is on its way",
                "Good news: {1} has picked up your order {0} and it is on its way."),
            [Milestone.OutForDelivery] = new("Your order {0} is out for delivery", "Arriving today",
                "Your order {0} is out for delivery with {1} and should arrive today."),
            [Milestone.Delivered] = new("Your order {0} has been delivered", "Delivered",
                "{1} reports that your order {0} has been delivered. We hope you enjoy it!"),
            [Milestone.Exception] = new("A problem with the delivery of your order {0}", "There is a problem with your delivery",
                "{1} reported a problem delivering your order {0}.",
                "Check the tracking page for the latest details: the carrier usually tries again or explains what to do next."),
            [Milestone.OrderConfirmed] = new("We received your order {0}", "Thank you for your order",
                "We have received your order {0}. We will email you when it ships.",
                "You can follow it at any time on its tracking page."),
            [Milestone.Delayed] = new("Your order {0} is delayed", "Your delivery is running late",
                "Your order {0} is taking longer than expected to arrive with {1}.",
                "We are keeping an eye on it and will email you when it moves again."),
        },
        GreetingWithName = "Hello {0},",
        GreetingWithoutName = "Hello,",
        DetailsHeading = "Shipment details",
        OrderLabel = "Order",
        CarrierLabel = "Carrier",
        TrackingNumberLabel = "Tracking number",
        EtaLabel = "Estimated delivery",
        ReasonLabel = "Reason",
        NewEtaLabel = "New estimated delivery",
        DelayedNewEta = "{0} now expects to deliver it on {1}.",
        DelayedReason = "The reason {0} gives: {1}.",
        LinkText = "Track your order",
        LinkFallback = "If the link does not work, copy this address into your browser:",
        Footer = "You are receiving this email because you placed an order that ships with tracking. Please do not reply to this message.",
        Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TrackingReason.CustomsHold] = "Held in customs",
            [TrackingReason.WeatherDelay] = "Weather delay",
            [TrackingReason.AddressProblem] = "Problem with the delivery address",
            [TrackingReason.Refused] = "Delivery refused",
            [TrackingReason.Damaged] = "Package damaged",
            [TrackingReason.Lost] = "Package lost by the carrier",
            [TrackingReason.RecipientUnavailable] = "Nobody was available to receive the package",
            [TrackingReason.CarrierDelay] = "Delay in the carrier's network",
            [TrackingReason.Held] = "Held at a carrier facility",
        },
        // InvariantGlobalization is on, so culture month names are not available: spell them out.
        FormatDate = date => string.Create(
            CultureInfo.InvariantCulture, $"{s_days[(int)date.DayOfWeek]}, {s_months[date.Month - 1]} {date.Day}, {date.Year}"),
    };
}
