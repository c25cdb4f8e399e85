using Azure.Data.Tables;

namespace OrderTracking.Functions.Storage;

/// <summary>
/// <c>CarrierState</c>: the shared cool-down after a carrier answered 429, so every instance's scheduler backs off
/// (DESIGN §5, §7), and the scheduler's dispatch plan (<c>budget|dispatch</c>).
/// </summary>
internal sealed class CarrierStateStore(StorageContext storage)
{
    private const string CooldownRow = "cooldown";
    private const string DispatchRow = "budget|dispatch";

    private TableClient Table => storage.Table(TableNames.CarrierState);

    public async Task<DateTimeOffset?> GetCooldownUntilAsync(string carrier, CancellationToken cancellationToken)
    {
        TableEntity? e = await Table.FindAsync(carrier, CooldownRow, select: null, cancellationToken);
        return e?.GetDateTimeOffset("Until");
    }

    /// <summary>Extends the cool-down to <paramref name="until"/> (never shortens one another instance set).</summary>
    public async Task ExtendCooldownAsync(string carrier, DateTimeOffset until, CancellationToken cancellationToken)
    {
        DateTimeOffset? current = await GetCooldownUntilAsync(carrier, cancellationToken);
        if (current is null || current < until)
        {
            await Table.UpsertEntityAsync(new TableEntity(carrier, CooldownRow) { ["Until"] = until }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>The end of the slots <c>SchedulePolls</c> has already sent requests for (its plan), if any.</summary>
    public async Task<DateTimeOffset?> GetDispatchedUntilAsync(string carrier, CancellationToken cancellationToken) =>
        (await Table.FindAsync(carrier, DispatchRow, ["Until"], cancellationToken))?.GetDateTimeOffset("Until");

    /// <summary>Records the scheduler's plan (the timer runs one at a time app-wide: last writer is the only writer).</summary>
    public Task SetDispatchedUntilAsync(string carrier, DateTimeOffset until, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(carrier, DispatchRow) { ["Until"] = until }, TableUpdateMode.Replace, cancellationToken);
}
