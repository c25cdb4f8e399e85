namespace OrderTracking.Core.Notifications;

/// <summary>The fixed wording of one template language.</summary>
internal sealed record TemplateTexts
{
    public required string Language { get; init; }
    public required IReadOnlyDictionary<Milestone, MilestoneText> Milestones { get; init; }
    public required string GreetingWithName { get; init; }
    public required string GreetingWithoutName { get; init; }
    public required string DetailsHeading { get; init; }
    public required string OrderLabel { get; init; }
    public required string CarrierLabel { get; init; }
    public required string TrackingNumberLabel { get; init; }
    public required string EtaLabel { get; init; }
    public required string ReasonLabel { get; init; }
    public required string LinkText { get; init; }
    public required string LinkFallback { get; init; }
    public required string Footer { get; init; }
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }
    public required Func<DateOnly, string> FormatDate { get; init; }
}
