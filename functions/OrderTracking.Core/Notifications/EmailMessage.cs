namespace OrderTracking.Core.Notifications;

/// <summary>One email to one recipient. PII: never logged.</summary>
/// <param name="To">Recipient address.</param>
/// <param name="ToName">Recipient display name, if known.</param>
/// <param name="Subject">Subject line (plain text).</param>
/// <param name="Html">HTML body.</param>
/// <param name="PlainText">Plain-text body.</param>
/// <param name="UnsubscribeUrl">
/// One-click unsubscribe (RFC 8058): sent as <c>List-Unsubscribe: &lt;url&gt;</c> and
/// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>. Null for none.
/// </param>
public sealed record EmailMessage(string To, string? ToName, string Subject, string Html, string PlainText, Uri? UnsubscribeUrl = null)
{
    /// <summary>The RFC 2369 / RFC 8058 headers for <see cref="UnsubscribeUrl"/> (empty without one).</summary>
    public IReadOnlyDictionary<string, string> ListHeaders => UnsubscribeUrl is null
        ? new Dictionary<string, string>()
        : new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["List-Unsubscribe"] = $"<{UnsubscribeUrl.AbsoluteUri}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        };
}
