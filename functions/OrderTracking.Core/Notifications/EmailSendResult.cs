namespace OrderTracking.Core.Notifications;

/// <summary>What the provider said about an accepted email.</summary>
/// <param name="ProviderMessageId">ACS: the operation id it accepted; outbox: the full path of the <c>.eml</c> file.</param>
public sealed record EmailSendResult(string ProviderMessageId);
