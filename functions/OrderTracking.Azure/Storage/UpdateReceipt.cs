namespace OrderTracking.Azure.Storage;

/// <summary>The new pop receipt and visibility time after an update; the old pop receipt is no longer valid.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset? NextVisibleOn);
