namespace OrderTracking.Core.Notifications;

/// <summary>A rendered milestone email.</summary>
/// <param name="Subject">Subject line (single line, no control characters).</param>
/// <param name="Html">Complete HTML document (inline styles only, no external resources).</param>
/// <param name="PlainText">Plain-text alternative, including the tracking link.</param>
/// <param name="Language">The language used: <c>en</c> or <c>es</c>.</param>
public sealed record RenderedEmail(string Subject, string Html, string PlainText, string Language);
