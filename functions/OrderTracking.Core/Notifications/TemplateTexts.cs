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

    /// <summary>The details label of the ETA in a delayed email.</summary>
    public required string NewEtaLabel { get; init; }

    /// <summary>Delayed email: {0} = carrier, {1} = the carrier's new expected date.</summary>
    public required string DelayedNewEta { get; init; }

    /// <summary>Delayed email: {0} = carrier, {1} = the reason in plain words.</summary>
    public required string DelayedReason { get; init; }
    public required string LinkText { get; init; }
    public required string LinkFallback { get; init; }
    public required string Footer { get; init; }
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }
    public required Func<DateOnly, string> FormatDate { get; init; }
}
