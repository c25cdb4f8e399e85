namespace OrderTracking.Core.Notifications;

/// <summary>Wire names for <see cref="Milestone"/>.</summary>
public static class MilestoneExtensions
{
    /// <summary>The camelCase wire name (<c>shipped</c>, <c>outForDelivery</c>, <c>delivered</c>, <c>exception</c>, <c>delayed</c>).</summary>
    public static string ToWireName(this Milestone milestone) => milestone switch
    {
        Milestone.Shipped => "shipped",
        Milestone.OutForDelivery => "outForDelivery",
        Milestone.Delivered => "delivered",
        Milestone.Exception => "exception",
        Milestone.Delayed => "delayed",
        Milestone.OrderConfirmed => "orderConfirmed",
        _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone, "Unknown milestone."),
    };

    /// <summary>Parses a wire name (ordinal, case-sensitive); false for anything else.</summary>
    public static bool TryParseWireName(string? value, out Milestone milestone)
    {
        (bool ok, milestone) = value switch
        {
            "shipped" => (true, Milestone.Shipped),
            "outForDelivery" => (true, Milestone.OutForDelivery),
            "delivered" => (true, Milestone.Delivered),
            "exception" => (true, Milestone.Exception),
            "delayed" => (true, Milestone.Delayed),
            "orderConfirmed" => (true, Milestone.OrderConfirmed),
            _ => (false, default),
        };
        return ok;
    }
}
