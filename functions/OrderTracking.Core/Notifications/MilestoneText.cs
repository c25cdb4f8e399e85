namespace OrderTracking.Core.Notifications;

/// <summary>The per-milestone sentences of one language. Formats take {0} = order number, {1} = carrier.</summary>
internal sealed record MilestoneText(string Subject, string Headline, string Body, string? Advice = null);
