using Azure;
using Azure.Data.Tables;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Notifications;

/// <summary>
/// The <c>Notifications</c> ledger (DESIGN §5, §8): <c>orderKey</c> / <c>{carrier}|{trackingNumber}|{milestone}</c>.
/// The row is inserted (If-None-Match <c>*</c>) before the send and marked sent after it.
/// </summary>
internal sealed class NotificationLedgerStore(StorageContext storage)
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
    public const string Unknown = "unknown";

    private TableClient Table => storage.Table(TableNames.Notifications);

    /// <summary>Inserts the pending row, or returns the existing row's state when one is already there.</summary>
    public async Task<string> ClaimAsync(string orderKey, string rowKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await Table.TryAddAsync(new TableEntity(orderKey, rowKey) { ["State"] = Pending, ["CreatedAt"] = now }, cancellationToken))
        {
            return Pending;
        }

        TableEntity? existing = await Table.FindAsync(orderKey, rowKey, ["State"], cancellationToken);
        return existing?.GetString("State") ?? Pending;
    }

    /// <summary>
    /// The claim for a channel whose provider has no idempotency key (SMS): the pending row carries a lease. Owned: the
    /// row was inserted now, send. InFlight: another attempt holds a live lease (it will finish or release). Done: the
    /// row is final (the state returned: sent, skipped, failed, unknown). A pending row whose lease ran out belongs
    /// to an attempt that died between claim and mark: it may have sent, so it becomes <c>unknown</c> and is not sent
    /// again (at most once when the outcome cannot be known; never twice).
    /// </summary>
    public async Task<(LeasedClaim Claim, string State)> ClaimLeasedAsync(string orderKey, string rowKey, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var row = new TableEntity(orderKey, rowKey) { ["State"] = Pending, ["CreatedAt"] = now, ["LeaseUntil"] = now + lease };
        if (await Table.TryAddAsync(row, cancellationToken))
        {
            return (LeasedClaim.Owned, Pending);
        }

        TableEntity? existing = await Table.FindAsync(orderKey, rowKey, ["State", "LeaseUntil"], cancellationToken);
        string state = existing?.GetString("State") ?? Pending;
        if (existing is null || state != Pending)
        {
            return existing is null ? (LeasedClaim.InFlight, Pending) : (LeasedClaim.Done, state); // deleted in between: a release; the next retry claims
        }

        if (existing.GetDateTimeOffset("LeaseUntil") is { } until && until > now)
        {
            return (LeasedClaim.InFlight, Pending);
        }

        try
        {
            await Table.UpdateEntityAsync(new TableEntity(orderKey, rowKey) { ["State"] = Unknown, ["CompletedAt"] = now }, existing.ETag, TableUpdateMode.Merge, cancellationToken);
            return (LeasedClaim.Done, Unknown);
        }
        catch (RequestFailedException ex) when (TableClientExtensions.IsPreconditionFailed(ex))
        {
            return (LeasedClaim.InFlight, Pending); // someone else settled it first
        }
    }

    /// <summary>Gives a claim back after the provider said it sent nothing (retryable), so the queue's retry can claim again.</summary>
    public Task ReleaseAsync(string orderKey, string rowKey, CancellationToken cancellationToken) =>
        Table.DeleteEntityAsync(orderKey, rowKey, ETag.All, cancellationToken);

    public Task MarkAsync(string orderKey, string rowKey, string state, string? providerMessageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(orderKey, rowKey) { ["State"] = state, ["CompletedAt"] = now };
        if (providerMessageId is not null)
        {
            entity["ProviderMessageId"] = providerMessageId;
        }

        return Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }
}

/// <summary>How a leased claim came out (see <see cref="NotificationLedgerStore.ClaimLeasedAsync"/>).</summary>
internal enum LeasedClaim
{
    Owned,
    InFlight,
    Done,
}
