namespace OrderTracking.Core.Notifications;

/// <summary>One email to one recipient. PII: never logged.</summary>
/// <param name="To">Recipient address.</param>
/// <param name="ToName">Recipient display name, if known.</param>
/// <param name="Subject">Subject line (plain text).</param>
/// <param name="Html">HTML body.</param>
/// <param name="PlainText">Plain-text body.</param>
public sealed record EmailMessage(string To, string? ToName, string Subject, string Html, string PlainText);
